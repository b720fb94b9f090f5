# The PyTorch tutorial "Adversarial Example Generation" (pytorch/tutorials beginner_source/fgsm_tutorial.py: the
# Fast Gradient Sign Attack on the LeNet MNIST classifier, accuracy for each epsilon). Changed: no torchvision, no
# download and no matplotlib: MNIST's test set is replaced by 40 random 28x28 images in [0, 1] that carry a
# bright vertical stripe at a place given by their label (stripe k covers columns 3k to 3k+2), made after
# torch.manual_seed(1); the downloaded pretrained LeNet is replaced by one trained here as pytorch/examples mnist
# trained it then (SGD with momentum 0.5, nll_loss; lr 0.1 instead of 0.01), for 6 epochs on 512 such images in
# batches of 64, whose state_dict is then loaded as the tutorial loads the downloaded one; use_cuda is False;
# instead of the plots, the last lines print what they show (each epsilon's "original -> adversarial" labels).
from __future__ import print_function
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import TensorDataset
import numpy as np

epsilons = [0, .05, .1, .15, .2, .25, .3]
use_cuda = False


# LeNet Model definition
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d()
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(-1, 320)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)


# The stand-in for MNIST and for the pretrained model.
def striped_images(n):
    labels = torch.randint(0, 10, (n,))
    stripes = (torch.arange(28) // 3 == labels.view(-1, 1)).float()
    images = 0.3 * torch.rand(n, 1, 28, 28) + 0.7 * stripes.view(n, 1, 1, 28)
    return TensorDataset(images, labels)


def pretrain():
    trained = Net()
    train_loader = torch.utils.data.DataLoader(striped_images(512), batch_size=64, shuffle=True)
    optimizer = optim.SGD(trained.parameters(), lr=0.1, momentum=0.5)
    trained.train()
    for epoch in range(1, 7):
        for data, target in train_loader:
            optimizer.zero_grad()
            loss = F.nll_loss(trained(data), target)
            loss.backward()
            optimizer.step()
        print("Pretraining epoch {}: loss {:.3f}".format(epoch, loss.item()))
    return trained.state_dict()


torch.manual_seed(1)
pretrained_model = pretrain()

# MNIST Test dataset and dataloader declaration
test_loader = torch.utils.data.DataLoader(striped_images(40), batch_size=1, shuffle=True)

# Define what device we are using
print("CUDA Available: ",torch.cuda.is_available())
device = torch.device("cuda" if (use_cuda and torch.cuda.is_available()) else "cpu")

# Initialize the network
model = Net().to(device)

# Load the pretrained model
model.load_state_dict(pretrained_model)

# Set the model in evaluation mode. In this case this is for the Dropout layers
model.eval()


# FGSM attack code
def fgsm_attack(image, epsilon, data_grad):
    # Collect the element-wise sign of the data gradient
    sign_data_grad = data_grad.sign()
    # Create the perturbed image by adjusting each pixel of the input image
    perturbed_image = image + epsilon*sign_data_grad
    # Adding clipping to maintain [0,1] range
    perturbed_image = torch.clamp(perturbed_image, 0, 1)
    # Return the perturbed image
    return perturbed_image


def test( model, device, test_loader, epsilon ):

    # Accuracy counter
    correct = 0
    adv_examples = []

    # Loop over all examples in test set
    for data, target in test_loader:

        # Send the data and label to the device
        data, target = data.to(device), target.to(device)

        # Set requires_grad attribute of tensor. Important for Attack
        data.requires_grad = True

        # Forward pass the data through the model
        output = model(data)
        init_pred = output.max(1, keepdim=True)[1] # get the index of the max log-probability

        # If the initial prediction is wrong, dont bother attacking, just move on
        if init_pred.item() != target.item():
            continue

        # Calculate the loss
        loss = F.nll_loss(output, target)

        # Zero all existing gradients
        model.zero_grad()

        # Calculate gradients of model in backward pass
        loss.backward()

        # Collect datagrad
        data_grad = data.grad.data

        # Call FGSM Attack
        perturbed_data = fgsm_attack(data, epsilon, data_grad)

        # Re-classify the perturbed image
        output = model(perturbed_data)

        # Check for success
        final_pred = output.max(1, keepdim=True)[1] # get the index of the max log-probability
        if final_pred.item() == target.item():
            correct += 1
            # Special case for saving 0 epsilon examples
            if (epsilon == 0) and (len(adv_examples) < 5):
                adv_ex = perturbed_data.squeeze().detach().cpu().numpy()
                adv_examples.append( (init_pred.item(), final_pred.item(), adv_ex) )
        else:
            # Save some adv examples for visualization later
            if len(adv_examples) < 5:
                adv_ex = perturbed_data.squeeze().detach().cpu().numpy()
                adv_examples.append( (init_pred.item(), final_pred.item(), adv_ex) )

    # Calculate final accuracy for this epsilon
    final_acc = correct/float(len(test_loader))
    print("Epsilon: {}\tTest Accuracy = {} / {} = {}".format(epsilon, correct, len(test_loader), final_acc))

    # Return the accuracy and an adversarial example
    return final_acc, adv_examples


accuracies = []
examples = []

# Run test for each epsilon
for eps in epsilons:
    acc, ex = test(model, device, test_loader, eps)
    accuracies.append(acc)
    examples.append(ex)

# What the plots show: each epsilon's examples, "original classification -> adversarial classification".
for i in range(len(epsilons)):
    print("Eps: {}".format(epsilons[i]), ", ".join("{} -> {}".format(orig, adv) for orig, adv, ex in examples[i]))
