# SGD with momentum, Adam and RMSprop on a small linear regression, in the style of d2l.ai's "Concise
# Implementation of Linear Regression" (synthetic data y = Xw + b + noise, nn.Linear, MSELoss, an optimizer).
import torch
from torch import nn
torch.manual_seed(0)

true_w = torch.tensor([2, -3.4, 1.7])
true_b = 4.2
X = torch.randn(100, 3)
y = torch.matmul(X, true_w) + true_b + 0.01 * torch.randn(100)
y = y.reshape((-1, 1))

def train(name, make_optimizer, num_epochs=200):
    torch.manual_seed(1)
    net = nn.Linear(3, 1)
    loss = nn.MSELoss()
    trainer = make_optimizer(net.parameters())
    print(trainer)
    for epoch in range(num_epochs):
        l = loss(net(X), y)
        trainer.zero_grad()
        l.backward()
        trainer.step()
        if epoch % 50 == 49:
            print(f'{name} epoch {epoch + 1}, loss {l.item():f}')
    w = net.weight.data
    print('error in estimating w:', true_w - w.reshape(true_w.shape))
    b = net.bias.data
    print('error in estimating b:', true_b - b)
    print(list(trainer.state_dict()['state'][0]))

train('SGD momentum', lambda params: torch.optim.SGD(params, lr=0.03, momentum=0.9))
train('Adam', lambda params: torch.optim.Adam(params, lr=0.1))
train('RMSprop', lambda params: torch.optim.RMSprop(params, lr=0.01, alpha=0.9))
