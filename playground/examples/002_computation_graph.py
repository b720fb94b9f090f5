# Seed notebook 002_84f8aef048920a8b, cell for cell: each "# %%" line starts a notebook cell, and a
# cell's last bare expression is shown as the notebook shows it (Out[n]).

# %% In [None]
# derivative of y = x^2
def dy_dx(x):
  return 2*x

# %% In [None]
dy_dx(4)

# %% In [4]
import torch

# %% In [5]
x = torch.tensor(3.0, requires_grad=True)

# %% In [6]
y = x**2

# %% In [7]
x

# %% In [8]
y

# %% In [9]
y.backward()

# %% In [10]
x.grad

# %% In [11]
import math

"""
y = x^2
z = sin(y)

find dz/dx
"""

def dz_dx(x):
    return 2 * x * math.cos(x**2)

# %% In [12]
dz_dx(3)

# %% In [13]
x = torch.tensor(3.0, requires_grad=True)

# %% In [14]
y = x**2

# %% In [15]
z = torch.sin(y)

# %% In [16]
x

# %% In [17]
y

# %% In [18]
z

# %% In [19]
# dz_dx
z.backward()

# %% In [20]
x.grad

# %% In [21]
y.grad #would give an error.

# %% In [22]
import torch

x = torch.tensor(6.7)
y = torch.tensor(0.0)

w = torch.tensor(1.0)
b = torch.tensor(0.0)

# %% In [23]
# Binary Cross-Entropy Loss for scalar
def binary_cross_entropy_loss(prediction, target):
    epsilon = 1e-8  # To prevent log(0)
    prediction = torch.clamp(prediction, epsilon, 1 - epsilon)
    return -(target * torch.log(prediction) + (1 - target) * torch.log(1 - prediction))

# %% In [24]
z = w * x + b
y_pred = torch.sigmoid(z)

loss = binary_cross_entropy_loss(y_pred, y)

# %% In [25]
loss

# %% In [26]
# Derivative calc.

dloss_dy_pred = (y_pred - y)/(y_pred*(1-y_pred))

dy_pred_dz = y_pred * (1 - y_pred)

dz_dw = x
dz_db = 1

dL_dw = dloss_dy_pred * dy_pred_dz * dz_dw
dL_db = dloss_dy_pred * dy_pred_dz * dz_db

# %% In [27]
print(f"Manual Gradient of loss w.r.t weight (dw): {dL_dw}")
print(f"Manual Gradient of loss w.r.t bias (db): {dL_db}")

# %% In [28]
x = torch.tensor(6.7)
y = torch.tensor(0.0)

w = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)

# %% In [29]
z = w * x + b
y_pred = torch.sigmoid(z)

loss = binary_cross_entropy_loss(y_pred, y)

# %% In [30]
z

# %% In [31]
y_pred

# %% In [32]
loss

# %% In [33]
loss.backward()

# %% In [34]
print(w.grad)
print(b.grad)

# %% In [37]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad = True)

# %% In [39]
y = (x**2).mean()
y

# %% In [40]
y.backward()

# %% In [42]
# We get 3 gradients because we differentiate w.r.t x which is a vector. so it becomes gradient of y which means dely_delx1, dely_delx2, dely_delx3
x.grad

# %% In [44]
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [45]
y = x**2
y

# %% In [46]
y.backward()

# %% In [47]
x.grad

# %% In [48]
# but now if you run the forward pass and the backward pass again then the gradient syarts getting accumulated
y = x**2
y

y.backward()

# %% In [49]
x.grad

# %% In [50]
# once more
y = x**2
y

y.backward()

x.grad

# %% In [51]
# to stop this from happening you need to manually by doing
x.grad.zero_()
# the zero_() means its an inplace operation

y = x**2
y

y.backward()

x.grad

# %% In [58]
x = torch.tensor(3.0, requires_grad=True)
x

# %% In [59]
# forward pass lets say

y = x**2
y

# %% In [60]
# backward pass say
y.backward()

# so then the obtained gradient
x.grad

# %% In [61]
x

# %% In [62]
# option 1 - requires_grad_(False)
# option 2 - detach()
# option 3 - torch.no_grad()

# %% In [63]
x.requires_grad_(False)

# %% In [64]
x

# %% In [65]
y = x ** 2

# %% In [66]
y

# %% In [68]
# because requires_grad is switched off so this doesn't work
y.backward()

# %% In [69]
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [71]
# this creates a new tensor itself
z = x.detach()
z

# %% In [72]
y = x ** 2
y

# %% In [74]
y1 = z ** 2
y1

# %% In [75]
y.backward() #works

# %% In [76]
y1.backward() #wont work

# %% In [77]
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [79]
# make use of the with statement

with torch.no_grad():
    y = x ** 2

y

# %% In [80]
y.backward()

# %% In [81]
# if you remove the with statment then


y = x ** 2

y

# %% In [82]
y.backward()
