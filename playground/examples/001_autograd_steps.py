# Seed notebook 001_418ac18140b33294, cell for cell: each "# %%" line starts a notebook cell, and a
# cell's last bare expression is shown as the notebook shows it (Out[n]).

# %% In [4]
# diff of x^2
def dy_dx(x):
  return 2*x

print(dy_dx(3))

# %% In [None]
import torch
x = torch.tensor(3.0, requires_grad=True)
y = x**2
y.backward()
print(x.grad)

# %% In [None]
# diff of y = x^2 & z = sin(y)
import math
def dz_dx(x):
    return 2 * x * math.cos(x**2)
dz_dx(4)

# %% In [None]
x = torch.tensor(4.0, requires_grad = True)
y = x ** 2
z = torch.sin(y)
z.backward() # this is performing diff
print(x.grad, y.grad)

# %% In [2]
import torch
x = torch.tensor([2, 1, 4, 9, 8, 6, 7])
x = torch.clamp(x, min=3, max=7)
print(x)

# %% In [14]
import torch

x = torch.tensor(6.7) # input feature
y = torch.tensor(0.0) # True label

w = torch.tensor(1.0)
b = torch.tensor(0.0)

# %% In [15]
def binary_cross_entropy(prediction, target):
    epsilon = 1e-8
    prediction = torch.clamp(prediction, epsilon, 1-epsilon)
    return -(target*torch.log(prediction) + (1-target)*torch.log(1-prediction))

# %% In [None]
# Forward pass
z = w * x + b
y_pred = torch.sigmoid(z)
loss = binary_cross_entropy(y_pred, y)
print(loss)

# %% In [18]
dl_dypred = (y_pred - y)/(y_pred *(1 - y_pred))
dypred_dz = y_pred *(1 - y_pred)
dz_dw = x
dz_db = 1
dL_dw = dl_dypred * dypred_dz * dz_dw
dL_db = dl_dypred * dypred_dz * dz_db

# %% In [19]
print(f"Manual Gradient of loss w.r.t weight (dw): {dL_dw}")
print(f"Manual Gradient of loss w.r.t bias (db): {dL_db}")

# %% In [25]
x = torch.tensor(6.7)
y = torch.tensor(0.0)

w_new = torch.tensor(1.0, requires_grad=True)
b_new = torch.tensor(0.0, requires_grad=True)

# %% In [26]
z = w_new * z + b_new
y_pred = torch.sigmoid(z)
print(y_pred)

# %% In [27]
loss = binary_cross_entropy(y_pred, y)
print(loss)

# %% In [28]
loss.backward()
print(w_new.grad, b_new.grad)

# %% In [30]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x**2).mean()
y.backward()
x.grad

# %% In [50]
x = torch.tensor(2.0, requires_grad=True)

# %% In [51]
y = x ** 2

# %% In [52]
y.backward()

# %% In [53]
# diff newly every time after running forwarpass again and again
print(x.grad)

# %% In [None]
x.grad.zero_() # Clearing gradient
