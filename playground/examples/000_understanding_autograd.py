# Seed notebook 000_9b1644e2dbb72fd2, cell for cell: each "# %%" line starts a notebook cell, and a
# cell's last bare expression is shown as the notebook shows it (Out[n]).

# %% In [1]
import torch

# %% In [29]
def binary_cross_entropy(prediction, target):
  epsilon = 1e-8
  prediction = torch.clamp(prediction, epsilon, 1-epsilon)

  return -1*target*torch.log(prediction) - (1-target)*torch.log(1-prediction)

# %% In [40]
x = torch.tensor(3.73)
y = torch.tensor(1.0)

w = torch.tensor(1.0)
b = torch.tensor(0.0)

z = w*x + b
prediction = torch.sigmoid(z)
loss = binary_cross_entropy(prediction, y)

print(f"Loss: {loss}")
print(f"Prediction: {prediction}")

# %% In [42]
dloss_dpred = (prediction-y) / (prediction * (1-prediction))
dpred_dz = prediction * (1-prediction)

dz_dw = x
dz_db = 1

dloss_dw = dloss_dpred * dpred_dz * dz_dw
dloss_db = dloss_dpred * dpred_dz * dz_db

print(f"Gradient of loss with respect to weight: {dloss_dw}")
print(f"Gradient of loss with respect to bias: {dloss_db}")

# %% In [31]
x2 = torch.tensor(3.73)
y2 = torch.tensor(1.0)

w2 = torch.tensor(1.0, requires_grad=True)
b2 = torch.tensor(0.0, requires_grad=True)

z2 = w2*x2 + b2
y_pred = torch.sigmoid(z2)
loss2 = binary_cross_entropy(y_pred, y2)

print(f"Loss: {loss2}")
print(f"Prediction: {y_pred}")

loss2.backward()

print(f"\n\nGradient of loss with respect to weight: {w2.grad}")
print(f"Gradient of loss with respect to bias: {b2.grad}")

# %% In [32]
x3 = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y3 = (x3**2).mean()

print(f"Value of y: {y3}")

y3.backward()

print(f"\n\nGradients of y: {x3.grad}")

# %% In [37]
x4 = torch.tensor(2.0, requires_grad=True)
y4 = x4**2

print(f"Value of y: {y4}")

y4.backward()

print(f"\n\nGradients of y: {x4.grad}")
x4.grad.zero_()

# %% In [46]
x5 = torch.tensor(2.0, requires_grad=True)
y5 = x5**3

print(f"Value of y: {y5}")

y5.backward()

print(f"Gradients of y: {x5.grad}")

x6 = x5.requires_grad_(False)
y6 = x6**4

print(f"\nValue of y (requires_grad_): {y6}")

x7 = x5.detach()
y7 = x7**5

print(f"Value of y (detach): {y7}")

# %% In [45]
x8 = torch.tensor(2.0, requires_grad=True)

with torch.no_grad():
  y8 = x8**6

print(f"Value of y (no_grad): {y8}")
