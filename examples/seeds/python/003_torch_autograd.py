# Seed notebook 003 as a script: what PyTorch prints (notebook cell displays become print(repr(...))).
import math
import torch

def dy_dx(x):
    return 2*x
print(repr(dy_dx(3)))

x = torch.tensor(3.0, requires_grad=True)
print(repr(x))
y = x**2
print(repr(y))
y.backward()
print(repr(y))
print(repr(x.grad))

def dz_dx(x):
    return 2 * x * math.cos(x**2)
print(repr(dz_dx(4)))

x = torch.tensor(4.0, requires_grad=True)
print(repr(x))
y = x ** 2
print(repr(y))
z = torch.sin(y)
print(repr(z))
z.backward()
print(repr(z))
print(repr(x.grad))

x = torch.tensor(6.7)
y = torch.tensor(0.0)
w = torch.tensor(1.0)
b = torch.tensor(0.0)

def binary_cross_entropy_loss(prediction, target):
    epsilon = 1e-8
    prediction = torch.clamp(prediction, epsilon, 1 - epsilon)
    return -(target * torch.log(prediction) + (1 - target) * torch.log(1 - prediction))

z = w * x + b
y_pred = torch.sigmoid(z)
loss = binary_cross_entropy_loss(y_pred, y)
print(repr(loss))
dloss_dy_pred = (y_pred - y)/(y_pred*(1-y_pred))
dy_pred_dz = y_pred * (1 - y_pred)
dz_dw = x
dz_db = 1
dL_dw = dloss_dy_pred * dy_pred_dz * dz_dw
dL_db = dloss_dy_pred * dy_pred_dz * dz_db
print(f"Manual Gradient of loss w.r.t weight (dw): {dL_dw}")
print(f"Manual Gradient of loss w.r.t bias (db): {dL_db}")

x = torch.tensor(6.7)
y = torch.tensor(0.0)
print(x)
print(y)
w = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
print(w)
print(b)
z = w*x + b
print(repr(z))
y_pred = torch.sigmoid(z)
print(repr(y_pred))
loss = binary_cross_entropy_loss(y_pred, y)
print(repr(loss))
loss.backward()
print(f"By using autograd function (dw): {w.grad}")
print(f"By using autograd function (db): {b.grad}")

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(repr(x))
y = (x**2).mean()
print(repr(y))
y.backward()
print(repr(x.grad))

x = torch.tensor(2.0, requires_grad=True)
print(repr(x))
y = x ** 2
print(repr(y))
y.backward()
print(repr(x.grad))
print(repr(x.grad.zero_()))

x = torch.tensor(2.0, requires_grad=True)
print(repr(x))
y = x ** 2
print(repr(y))
y.backward()
print(repr(x.grad))
print(repr(x.requires_grad_(False)))
print(repr(x))
y = x ** 2
print(repr(y))

x = torch.tensor(2.0, requires_grad=True)
print(repr(x))
z = x.detach()
print(repr(z))
y = x ** 2
print(repr(y))
y1 = z ** 2
print(repr(y1))
y.backward()

x = torch.tensor(2.0, requires_grad=True)
print(repr(x))
with torch.no_grad():
    y = x ** 2
print(repr(y))
