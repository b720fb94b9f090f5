# Seed notebook 004_00d0bb4198a57388, cell for cell: each "# %%" line starts a notebook cell, and a
# cell's last bare expression is shown as the notebook shows it (Out[n]).

# %% In [1]
def dy_dx(x):
  return 2*x

# %% In [2]
dy_dx(3)

# %% In [3]
import math
def dz_dx(x):
   return 2*x*math.cos(x**2)

# %% In [4]
dz_dx(2)

# %% In [5]
import torch

# %% In [6]
x = torch.tensor(3.0, requires_grad=True)
# tensor me ek value ahi wo scaler
#  requires_grad=True (hmne ise true set kiya hai ye bydeafult false hota hai)
# agar hm kabhi bhi derivates cahiye yab  requires_grad=True karna padta hai

# %% In [7]
y = x**2

# %% In [8]
x

# %% In [9]
y

# %% In [10]
y.backward()
#  ye hme backward jate waqt dy/dx dega jisse deifferrnion milta hai

# %% In [11]
x.grad

# %% In [12]
import math

def dz_dx(x):
    return 2 * x * math.cos(x**2)

# %% In [13]
dz_dx(4)

# %% In [14]
x = torch.tensor(4.0, requires_grad=True)

# %% In [15]
y = x ** 2
#x->sq--y-> z
# jab hm forward ja rhe hai tab hme y=x2 mil rha hai so y =16 aa rha hai

# %% In [16]
z = torch.sin(y)

# %% In [17]
x

# %% In [18]
y

# %% In [19]
z

# %% In [20]
z.backward()

# %% In [21]
x.grad
#   ye hm likte hai uski valuse dekhe ke liye jiska ifferention dekhna chahte hai

# %% In [22]
y.grad #The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.

# %% In [23]
import torch

# Inputs
x = torch.tensor(6.7)  # Input feature
y = torch.tensor(0.0)  # True label (binary)

w = torch.tensor(1.0)  # Weight
b = torch.tensor(0.0)  # Bias

# %% In [24]
# Binary Cross-Entropy Loss for scalar
def binary_cross_entropy_loss(prediction, target):
    epsilon = 1e-8  # To prevent log(0)
    prediction = torch.clamp(prediction, epsilon, 1 - epsilon)
    return -(target * torch.log(prediction) + (1 - target) * torch.log(1 - prediction))

# %% In [25]
# Forward pass
z = w * x + b  # Weighted sum (linear part)
y_pred = torch.sigmoid(z)  # Predicted probability i.e ^y

# Compute binary cross-entropy loss
loss = binary_cross_entropy_loss(y_pred, y)

# %% In [26]
loss

# %% In [27]
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

# %% In [28]
print(f"Manual Gradient of loss w.r.t weight (dw): {dL_dw}")
print(f"Manual Gradient of loss w.r.t bias (db): {dL_db}")

# %% In [29]
x = torch.tensor(6.7)
y = torch.tensor(0.0)

# %% In [30]
w = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)

# %% In [31]
w

# %% In [32]
b

# %% In [33]
z = w*x + b
z# mathemaitical formula predefined

# %% In [34]
y_pred = torch.sigmoid(z)
y_pred

# %% In [35]
loss = binary_cross_entropy_loss(y_pred, y)
loss

# %% In [36]
loss.backward() # backward move kar rhe hai taki uska differention nikal jayee

# %% In [37]
print(w.grad)
print(b.grad)

# %% In [38]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)# ab vecor input de rhe hai

# %% In [39]
x

# %% In [40]
y = (x**2).mean()
y

# %% In [41]
y.backward()

# %% In [42]
x.grad# ab teen gradient mang rhe hai

# %% In [43]
# clearing grad

x = torch.tensor(2.0, requires_grad=True)
x

# %% In [44]
y = x ** 2
y

# %% In [45]
y.backward()

# %% In [46]
x.grad

# %% In [47]
x.grad.zero_()

# %% In [48]
# disable gradient tracking
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [49]
y = x ** 2
y

# %% In [50]
y.backward()

# %% In [51]
x.grad

# %% In [52]
# option 1 - requires_grad_(False)
# option 2 - detach()
# option 3 - torch.no_grad()

# %% In [53]
x.requires_grad_(False)

# %% In [54]
x

# %% In [55]
y = x ** 2

# %% In [56]
y

# %% In [57]
y.backward()# dekho  upper y ka gradient func wala aatribute nhi dikh rha haiso hm y ko call nhi kar sakte hai.

# %% In [58]
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [59]
z = x.detach()
z

# %% In [60]
y = x ** 2

# %% In [61]
y

# %% In [62]
y1 = z ** 2
y1

# %% In [63]
y.backward()

# %% In [64]
y1.backward()

# %% In [65]
x = torch.tensor(2.0, requires_grad=True)
x

# %% In [66]
y = x ** 2

# %% In [67]
y

# %% In [68]
y.backward()
