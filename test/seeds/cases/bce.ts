// The two binary-cross-entropy helpers the seed notebooks define, ported operator for operator.
import * as torch from "../../../src/index.js";
import type { Tensor } from "../../../src/index.js";

/**
 * Seed 000:
 *   prediction = torch.clamp(prediction, epsilon, 1-epsilon)
 *   return -1*target*torch.log(prediction) - (1-target)*torch.log(1-prediction)
 */
export function bceMinusOne(prediction: Tensor, target: Tensor): Tensor {
  const epsilon = 1e-8;
  prediction = torch.clamp(prediction, epsilon, 1 - epsilon);
  return torch
    .mul(-1, target)
    .mul(torch.log(prediction))
    .sub(torch.sub(1, target).mul(torch.log(torch.sub(1, prediction))));
}

/**
 * Seeds 001-004:
 *   prediction = torch.clamp(prediction, epsilon, 1 - epsilon)
 *   return -(target * torch.log(prediction) + (1 - target) * torch.log(1 - prediction))
 */
export function bceNegated(prediction: Tensor, target: Tensor): Tensor {
  const epsilon = 1e-8;
  prediction = torch.clamp(prediction, epsilon, 1 - epsilon);
  return torch.neg(
    target.mul(torch.log(prediction)).add(torch.sub(1, target).mul(torch.log(torch.sub(1, prediction)))),
  );
}
