# Seed notebook 001 as a script: what PyTorch prints (notebook cell displays become print(repr(...))).
import math
import torch

def dy_dx(x):
  return 2*x
print(dy_dx(3))

x = torch.tensor(3.0, requires_grad=True)
y = x**2
y.backward()
print(x.grad)  # the notebook's stale output shows None

def dz_dx(x):
    return 2 * x * math.cos(x**2)
print(repr(dz_dx(4)))

x = torch.tensor(4.0, requires_grad = True)
y = x ** 2
z = torch.sin(y)
z.backward()
print(x.grad, y.grad)

x = torch.tensor([2, 1, 4, 9, 8, 6, 7])
x = torch.clamp(x, min=3, max=7)
print(x)

x = torch.tensor(6.7)
y = torch.tensor(0.0)
w = torch.tensor(1.0)
b = torch.tensor(0.0)

def binary_cross_entropy(prediction, target):
    epsilon = 1e-8
    prediction = torch.clamp(prediction, epsilon, 1-epsilon)
    return -(target*torch.log(prediction) + (1-target)*torch.log(1-prediction))

z = w * x + b
y_pred = torch.sigmoid(z)
loss = binary_cross_entropy(y_pred, y)
print(loss)
dl_dypred = (y_pred - y)/(y_pred *(1 - y_pred))
dypred_dz = y_pred *(1 - y_pred)
dz_dw = x
dz_db = 1
dL_dw = dl_dypred * dypred_dz * dz_dw
dL_db = dl_dypred * dypred_dz * dz_db
print(f"Manual Gradient of loss w.r.t weight (dw): {dL_dw}")
print(f"Manual Gradient of loss w.r.t bias (db): {dL_db}")

x = torch.tensor(6.7)
y = torch.tensor(0.0)
w_new = torch.tensor(1.0, requires_grad=True)
b_new = torch.tensor(0.0, requires_grad=True)
z = w_new * z + b_new
y_pred = torch.sigmoid(z)
print(y_pred)
loss = binary_cross_entropy(y_pred, y)
print(loss)
loss.backward()
print(w_new.grad, b_new.grad)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x**2).mean()
y.backward()
print(repr(x.grad))

x = torch.tensor(2.0, requires_grad=True)
y = x ** 2
y.backward()
print(x.grad)
print(repr(x.grad.zero_()))
