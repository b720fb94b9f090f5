# pytorch/examples super_resolution (model.py, data.py, main.py: the sub-pixel convolution network of Shi et al.,
# four Conv2d layers with orthogonal init and nn.PixelShuffle, trained with Adam on MSELoss, tested by PSNR).
# Changed: no download, no PIL and no torchvision: the BSDS300 images' Y channel, center-cropped, downscaled
# (Resize) and made tensors (ToTensor), is replaced by random 24x24 targets in [0, 1) whose inputs are their 3x3
# averages (F.avg_pool2d), in TensorDatasets (32 for training and 8 for testing, made after the seed, with the
# crop size calculate_valid_crop_size(26, 3) instead of (256, 3)); --upscale_factor 3, --batchSize 8,
# --testBatchSize 4, --threads 0 instead of 64, 10, 4; no argparse (opt is a namespace of those values), no
# accelerator, and checkpoint() prints its message without saving the model (torch.save pickles the module).
from __future__ import print_function
import types
from math import log10

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.nn.init as init
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset


# model.py
class Net(nn.Module):
    def __init__(self, upscale_factor):
        super(Net, self).__init__()

        self.relu = nn.ReLU()
        self.conv1 = nn.Conv2d(1, 64, (5, 5), (1, 1), (2, 2))
        self.conv2 = nn.Conv2d(64, 64, (3, 3), (1, 1), (1, 1))
        self.conv3 = nn.Conv2d(64, 32, (3, 3), (1, 1), (1, 1))
        self.conv4 = nn.Conv2d(32, upscale_factor ** 2, (3, 3), (1, 1), (1, 1))
        self.pixel_shuffle = nn.PixelShuffle(upscale_factor)

        self._initialize_weights()

    def forward(self, x):
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.relu(self.conv3(x))
        x = self.pixel_shuffle(self.conv4(x))
        return x

    def _initialize_weights(self):
        init.orthogonal_(self.conv1.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv2.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv3.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv4.weight)


# data.py
def calculate_valid_crop_size(crop_size, upscale_factor):
    return crop_size - (crop_size % upscale_factor)


def synthetic_set(n, crop_size, upscale_factor):
    target = torch.rand(n, 1, crop_size, crop_size)
    input = F.avg_pool2d(target, upscale_factor)
    return TensorDataset(input, target)


def get_training_set(upscale_factor):
    crop_size = calculate_valid_crop_size(26, upscale_factor)
    return synthetic_set(32, crop_size, upscale_factor)


def get_test_set(upscale_factor):
    crop_size = calculate_valid_crop_size(26, upscale_factor)
    return synthetic_set(8, crop_size, upscale_factor)


# main.py
# Training settings
opt = types.SimpleNamespace(upscale_factor=3, batchSize=8, testBatchSize=4, nEpochs=2, lr=0.01, accel=False,
                            threads=0, seed=123)

print(opt)

torch.manual_seed(opt.seed)

device = torch.device("cpu")

print('===> Loading datasets')
train_set = get_training_set(opt.upscale_factor)
test_set = get_test_set(opt.upscale_factor)
training_data_loader = DataLoader(dataset=train_set, num_workers=opt.threads, batch_size=opt.batchSize, shuffle=True)
testing_data_loader = DataLoader(dataset=test_set, num_workers=opt.threads, batch_size=opt.testBatchSize, shuffle=False)

print('===> Building model')
model = Net(upscale_factor=opt.upscale_factor).to(device)
criterion = nn.MSELoss()

optimizer = optim.Adam(model.parameters(), lr=opt.lr)


def train(epoch):
    epoch_loss = 0
    for iteration, batch in enumerate(training_data_loader, 1):
        input, target = batch[0].to(device), batch[1].to(device)

        optimizer.zero_grad()
        loss = criterion(model(input), target)
        epoch_loss += loss.item()
        loss.backward()
        optimizer.step()

        print("===> Epoch[{}]({}/{}): Loss: {:.4f}".format(epoch, iteration, len(training_data_loader), loss.item()))

    print("===> Epoch {} Complete: Avg. Loss: {:.4f}".format(epoch, epoch_loss / len(training_data_loader)))


def test():
    avg_psnr = 0
    with torch.no_grad():
        for batch in testing_data_loader:
            input, target = batch[0].to(device), batch[1].to(device)

            prediction = model(input)
            mse = criterion(prediction, target)
            psnr = 10 * log10(1 / mse.item())
            avg_psnr += psnr
    print("===> Avg. PSNR: {:.4f} dB".format(avg_psnr / len(testing_data_loader)))


def checkpoint(epoch):
    model_out_path = "model_epoch_{}.pth".format(epoch)
    print("Checkpoint saved to {}".format(model_out_path))

for epoch in range(1, opt.nEpochs + 1):
    train(epoch)
    test()
    checkpoint(epoch)
