// May a leaf keep an incoming gradient as its .grad instead of a copy? This file alone decides.
//
// PyTorch's AccumulateGrad keeps ("steals") the gradient when its reference count says that only the
// engine holds it, and copies it otherwise. JavaScript has no reference counts, so tensorgrad decides
// within one backward run. A gradient may become a leaf's .grad without a copy when
// - its memory was allocated during this run (its storage's serial is above the run's floor): whatever the
//   user or the graph holds (gradients passed to backward(), saved tensors, parameters, earlier .grads) is
//   older;
// - no other leaf kept that memory in this run (one row may hand the same gradient to two inputs: add);
// - no user code has seen it: a hook or a custom Function's backward may keep what it is given or returns;
// - it is contiguous and of the leaf's dtype (PyTorch's layout contract: .grad is laid out like its leaf).
// A kept gradient may still wait in other nodes' buffers (add hands one tensor to both of its inputs). The
// built-in derivative rows only read their arguments, so sharing is safe until user code runs, and user
// code may change .grad in place (a post-accumulate hook clipping it, a backward() inside a hook): before
// any runs, the leaves that kept a gradient in this run get their own copy. After the run nothing but .grad
// holds a kept gradient, so the next backward may add into it in place.
//
// The engine marks the boundaries: beginRun/endRun around a run, handToUserCode before and after each hook
// or custom backward. AccumulateGrad (node.ts) asks mayKeepAsGrad.
import { isContiguousTensor, lastStorageSerial, type Storage, type Tensor } from "../tensor/tensor.js";

/** What one backward run knows of the gradients it made. */
export interface OwnershipScope {
  /** Storages with a higher serial were allocated during the run. */
  readonly floor: number;
  /** Storages a leaf kept as its .grad in this run, and that leaf. */
  readonly kept: Map<Storage, Tensor>;
  /** Storages user code has seen, or that a leaf kept before user code ran: never kept again. */
  shared: Set<Storage> | null;
}

/** The scope of the run in progress (null: none, so nothing is kept). */
let scope: OwnershipScope | null = null;

/** Opens a run's scope; returns the enclosing run's (a hook may call backward) for endRun to restore. */
export function beginRun(): OwnershipScope | null {
  const outer = scope;
  scope = { floor: lastStorageSerial(), kept: new Map(), shared: null };
  return outer;
}

export function endRun(outer: OwnershipScope | null): void {
  scope = outer;
}

/** Whether `grad` may become `leaf`'s .grad without a copy; if so, it is recorded as kept. */
export function mayKeepAsGrad(grad: Tensor, leaf: Tensor): boolean {
  const s = scope;
  if (s === null) return false;
  const storage = grad._storage;
  if (
    storage.serial <= s.floor ||
    s.kept.has(storage) ||
    (s.shared !== null && s.shared.has(storage)) ||
    grad.dtype !== leaf.dtype ||
    !isContiguousTensor(grad)
  )
    return false;
  s.kept.set(storage, leaf);
  return true;
}

/**
 * User code (a hook, a custom Function's backward) is about to see these gradients, or returned them. It may
 * keep them, so no leaf keeps them afterwards; and it may write .grad in place, so the leaves that kept a
 * gradient so far get their own copy first (that gradient may still wait in another node's buffer).
 */
export function handToUserCode(grads: readonly (Tensor | null | undefined)[]): void {
  const s = scope;
  if (s === null) return;
  if (s.kept.size > 0) {
    for (const [storage, leaf] of s.kept) {
      const g = leaf._grad;
      if (g !== null && g._storage === storage) leaf._grad = g.clone();
      (s.shared ??= new Set()).add(storage);
    }
    s.kept.clear();
  }
  for (const g of grads) if (g) (s.shared ??= new Set()).add(g._storage);
}
