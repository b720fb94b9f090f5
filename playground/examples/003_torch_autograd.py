# Seed notebook 003_cb0feba2f393b130, cell for cell: each "# %%" line starts a notebook cell, and a
# cell's last bare expression is shown as the notebook shows it (Out[n]).

# %% In [1]
def dy_dx(x):
    return 2*x

# %% In [2]
dy_dx(3)

# %% In [3]
import torch

# %% In [4]
x = torch.tensor(3.0, requires_grad=True)
x

# %% In [5]
y = x**2
y

# %% In [6]
y.backward()
y

# %% In [7]
x.grad

# %% In [8]
import math


def dz_dx(x):
    return 2 * x * math.cos(x**2)

# %% In [9]
dz_dx(4)

# %% In [10]
x = torch.tensor(4.0, requires_grad=True)
x

# %% In [11]
y = x ** 2
y

# %% In [12]
z = torch.sin(y)
z

# %% In [13]
z.backward()
z

# %% In [14]
x.grad

# %% In [15]
import torch

# Inputs
x = torch.tensor(6.7)  # Input feature
y = torch.tensor(0.0)  # True label (binary)

w = torch.tensor(1.0)  # Weight
b = torch.tensor(0.0)  # Bias

# %% In [16]
# Binary Cross-Entropy Loss for scalar
def binary_cross_entropy_loss(prediction, target):
    epsilon = 1e-8  # To prevent log(0)
    prediction = torch.clamp(prediction, epsilon, 1 - epsilon)
    return -(target * torch.log(prediction) + (1 - target) * torch.log(1 - prediction))

# %% In [17]
# Forward pass
z = w * x + b  # Weighted sum (linear part)

y_pred = torch.sigmoid(z)  # Predicted probability

# Compute binary cross-entropy loss
loss = binary_cross_entropy_loss(y_pred, y)

# %% In [18]
loss

# %% In [19]
# Derivatives:
# 1. dL/d(y_pred): Loss with respect to the prediction (y_pred)
dloss_dy_pred = (y_pred - y)/(y_pred*(1-y_pred))

# 2. dy_pred/dz: Prediction (y_pred) with respect to z (sigmoid derivative)
dy_pred_dz = y_pred * (1 - y_pred)

# 3. dz/dw and dz/db: z with respect to w and b
dz_dw = x  # dz/dw = x
dz_db = 1  # dz/db = 1 (bias contributes directly to z)

dL_dw = dloss_dy_pred * dy_pred_dz * dz_dw
dL_db = dloss_dy_pred * dy_pred_dz * dz_db

# %% In [20]
print(f"Manual Gradient of loss w.r.t weight (dw): {dL_dw}")
print(f"Manual Gradient of loss w.r.t bias (db): {dL_db}")

# %% In [21]
x = torch.tensor(6.7)
y = torch.tensor(0.0)
print(x)
print(y)

# %% In [22]
w = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
print(w)
print(b)

# %% In [23]
z = w*x + b
z

# %% In [24]
y_pred = torch.sigmoid(z)
y_pred

# %% In [25]
loss = binary_cross_entropy_loss(y_pred, y)
loss

# %% In [26]
loss.backward()

# %% In [27]
print(f"By using autograd function (dw): {w.grad}")
print(f"By using autograd function (db): {b.grad}")

# %% In [28]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
x

# %% In [29]
y = (x**2).mean()
y

# %% In [30]
y.backward()

# %% In [31]
x.grad

# %% In [32]
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [33]
y = x ** 2
y

# %% In [34]
y.backward()

# %% In [35]
x.grad

# %% In [36]
x.grad.zero_()

# %% In [37]
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [38]
y = x ** 2
y

# %% In [39]
y.backward()

# %% In [40]
x.grad

# %% In [41]
x.requires_grad_(False)

# %% In [42]
x

# %% In [43]
y = x ** 2

# %% In [44]
y

# %% In [45]
# This will not work now:

# %% In [46]
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [47]
z = x.detach()
z

# %% In [48]
y = x ** 2

# %% In [49]
y

# %% In [50]
y1 = z ** 2
y1

# %% In [51]
y.backward()

# %% In [52]
# This will not work now:

# %% In [53]
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [54]
with torch.no_grad():
    y = x ** 2

# %% In [55]
y

# %% In [56]
# This will not work now:
