/* sort and topk along contiguous rows, moving (value, index) pairs exactly as PyTorch 1.13's CPU kernels do
   (aten/src/ATen/native/cpu/SortingKernel.cpp, TopKImpl.h), so the indices of ties and NaNs are PyTorch's:
   sort is libstdc++'s std::sort (introsort; not stable past 16 elements) or, when stable, a stable merge sort
   (every stable sort leaves one order); topk is std::partial_sort when k * 64 <= n, else std::nth_element then
   std::sort of the first k - 1. The algorithms are GCC 12's bits/stl_algo.h and stl_heap.h, step for step, as
   src/backend/js/libstdcxx_sort.ts ports them; keys are doubles (a float converts exactly), NaN ordered last
   ascending and first descending. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

#define ENTRY_POINT_SPECS
#include "entry_points.h"

#include "sort.h"

typedef struct {
  double key;
  int64_t index;
} Elem;

/* KeyValueCompAsc / KeyValueCompDesc (topk's comparators are the same). */
static inline int before(const Elem *a, const Elem *b, int desc) {
  const double x = a->key, y = b->key;
  return desc ? ((isnan(x) && !isnan(y)) || x > y) : ((!isnan(x) && isnan(y)) || x < y);
}

static inline void swap_elems(Elem *a, int64_t i, int64_t j) {
  const Elem t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/* ---- std::__push_heap, __adjust_heap, __make_heap, __heap_select, __sort_heap (on a[first..]) */

static void push_heap(Elem *a, int64_t hole, int64_t top, Elem value, int desc) {
  int64_t parent = (hole - 1) / 2;
  while (hole > top && before(&a[parent], &value, desc)) {
    a[hole] = a[parent];
    hole = parent;
    parent = (hole - 1) / 2;
  }
  a[hole] = value;
}

static void adjust_heap(Elem *a, int64_t hole, int64_t len, Elem value, int desc) {
  const int64_t top = hole;
  int64_t child = hole;
  while (child < (len - 1) / 2) {
    child = 2 * (child + 1);
    if (before(&a[child], &a[child - 1], desc)) child--;
    a[hole] = a[child];
    hole = child;
  }
  if ((len & 1) == 0 && child == (len - 2) / 2) {
    child = 2 * (child + 1);
    a[hole] = a[child - 1];
    hole = child - 1;
  }
  push_heap(a, hole, top, value, desc);
}

/* std::__pop_heap(first, last, result) with first = a. */
static void pop_heap(Elem *a, int64_t len, Elem *result, int desc) {
  const Elem value = *result;
  *result = a[0];
  adjust_heap(a, 0, len, value, desc);
}

static void make_heap(Elem *a, int64_t len, int desc) {
  if (len < 2) return;
  for (int64_t parent = (len - 2) / 2;; parent--) {
    adjust_heap(a, parent, len, a[parent], desc);
    if (parent == 0) return;
  }
}

static void heap_select(Elem *a, int64_t middle, int64_t last, int desc) {
  make_heap(a, middle, desc);
  for (int64_t i = middle; i < last; i++)
    if (before(&a[i], &a[0], desc)) pop_heap(a, middle, &a[i], desc);
}

static void sort_heap(Elem *a, int64_t last, int desc) {
  while (last > 1) {
    last--;
    pop_heap(a, last, &a[last], desc);
  }
}

static void partial_sort(Elem *a, int64_t middle, int64_t last, int desc) {
  heap_select(a, middle, last, desc);
  sort_heap(a, middle, desc);
}

/* ---- std::sort: introsort, then the final insertion sort */

static void move_median_to_first(Elem *a, int64_t result, int64_t x, int64_t y, int64_t z, int desc) {
  if (before(&a[x], &a[y], desc)) {
    if (before(&a[y], &a[z], desc)) swap_elems(a, result, y);
    else if (before(&a[x], &a[z], desc)) swap_elems(a, result, z);
    else swap_elems(a, result, x);
  } else if (before(&a[x], &a[z], desc)) swap_elems(a, result, x);
  else if (before(&a[y], &a[z], desc)) swap_elems(a, result, z);
  else swap_elems(a, result, y);
}

static int64_t unguarded_partition(Elem *a, int64_t first, int64_t last, int64_t pivot, int desc) {
  for (;;) {
    while (before(&a[first], &a[pivot], desc)) first++;
    last--;
    while (before(&a[pivot], &a[last], desc)) last--;
    if (!(first < last)) return first;
    swap_elems(a, first, last);
    first++;
  }
}

static int64_t unguarded_partition_pivot(Elem *a, int64_t first, int64_t last, int desc) {
  const int64_t mid = first + (last - first) / 2;
  move_median_to_first(a, first, first + 1, mid, last - 1, desc);
  return unguarded_partition(a, first + 1, last, first, desc);
}

static void unguarded_linear_insert(Elem *a, int64_t last, int desc) {
  const Elem value = a[last];
  int64_t next = last - 1;
  while (before(&value, &a[next], desc)) {
    a[last] = a[next];
    last = next;
    next--;
  }
  a[last] = value;
}

static void insertion_sort(Elem *a, int64_t first, int64_t last, int desc) {
  if (first == last) return;
  for (int64_t i = first + 1; i < last; i++) {
    if (before(&a[i], &a[first], desc)) {
      const Elem value = a[i];
      memmove(&a[first + 1], &a[first], (size_t)(i - first) * sizeof(Elem));
      a[first] = value;
    } else {
      unguarded_linear_insert(a, i, desc);
    }
  }
}

static void final_insertion_sort(Elem *a, int64_t first, int64_t last, int desc) {
  if (last - first > 16) {
    insertion_sort(a, first, first + 16, desc);
    for (int64_t i = first + 16; i < last; i++) unguarded_linear_insert(a, i, desc);
  } else {
    insertion_sort(a, first, last, desc);
  }
}

/* floor(log2(n)) for n >= 1 (std::__lg). */
static int64_t lg(int64_t n) { return 63 - __builtin_clzll((unsigned long long)n); }

static void introsort_loop(Elem *a, int64_t first, int64_t last, int64_t depth, int desc) {
  while (last - first > 16) {
    if (depth == 0) {
      partial_sort(a + first, last - first, last - first, desc);
      return;
    }
    depth--;
    const int64_t cut = unguarded_partition_pivot(a, first, last, desc);
    introsort_loop(a, cut, last, depth, desc);
    last = cut;
  }
}

static void std_sort(Elem *a, int64_t n, int desc) {
  if (n == 0) return;
  introsort_loop(a, 0, n, lg(n) * 2, desc);
  final_insertion_sort(a, 0, n, desc);
}

/* std::nth_element: introselect, then an insertion sort of the last small range. */
static void nth_element(Elem *a, int64_t nth, int64_t n, int desc) {
  int64_t first = 0, last = n;
  if (first == last || nth == last) return;
  int64_t depth = lg(last - first) * 2;
  while (last - first > 3) {
    if (depth == 0) {
      heap_select(a + first, nth + 1 - first, last - first, desc);
      swap_elems(a, first, nth);
      return;
    }
    depth--;
    const int64_t cut = unguarded_partition_pivot(a, first, last, desc);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertion_sort(a, first, last, desc);
}

/* A stable merge sort (bottom-up), through `tmp` of n elements. */
static void stable_sort(Elem *a, Elem *tmp, int64_t n, int desc) {
  for (int64_t width = 1; width < n; width *= 2) {
    for (int64_t lo = 0; lo < n; lo += 2 * width) {
      const int64_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      int64_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = before(&a[j], &a[i], desc) ? a[j++] : a[i++];
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    memcpy(a, tmp, (size_t)n * sizeof(Elem));
  }
}

/* ---- the entry point */

napi_value sort_rows_entry(napi_env env, const SortRowsArgs *a) {
  const char *e = "sortRows";
  const int64_t rows = a->rows, cols = a->cols, k = a->k, off = a->offset, rs = a->row_stride;
  const int topk = a->op == S_TOPKLARGEST || a->op == S_TOPKSMALLEST;
  const int desc = a->op == S_DESCENDING || a->op == S_STABLEDESCENDING || a->op == S_TOPKLARGEST;
  const int stable = a->op == S_STABLEASCENDING || a->op == S_STABLEDESCENDING;
  int64_t n_out, last_row;
  if (!a->indices.is_double) return throw_error(env, e, "indices must be a Float64Array");
  if (k > cols || (!topk && k != cols)) return throw_error(env, e, "k = %lld does not suit cols = %lld", (long long)k, (long long)cols);
  if (!product3(rows, k, 1, &n_out)) return throw_error(env, e, "rows * k overflows");
  if (!dense_in_bounds(0, n_out, a->values.length) || !dense_in_bounds(0, n_out, a->indices.length))
    return throw_error(env, e, "values and indices need rows * k = %lld elements", (long long)n_out);
  if (rows > 0 && cols > 0) {
    if (!product3(rows - 1, rs, 1, &last_row) || __builtin_add_overflow(last_row, off, &last_row) ||
        !dense_in_bounds(last_row, cols, a->x.length))
      return throw_error(env, e, "%lld rows of %lld from offset %lld, %lld apart, reach outside x's %zu elements",
                         (long long)rows, (long long)cols, (long long)off, (long long)rs, a->x.length);
  }
  if (rows == 0 || cols == 0 || k == 0) return NULL;
  Elem *buf = malloc((size_t)cols * sizeof(Elem) * (stable ? 2 : 1));
  if (buf == NULL) return throw_error(env, e, "out of memory for %lld elements", (long long)cols);
  const int is_double = a->x.is_double;
  double *out_indices = (double *)a->indices.data;
  for (int64_t r = 0; r < rows; r++) {
    const int64_t start = off + r * rs;
    for (int64_t j = 0; j < cols; j++) {
      buf[j].key = is_double ? ((const double *)a->x.data)[start + j] : ((const float *)a->x.data)[start + j];
      buf[j].index = j;
    }
    if (!topk) {
      if (stable) stable_sort(buf, buf + cols, cols, desc);
      else std_sort(buf, cols, desc);
    } else if (k * 64 <= cols) {
      partial_sort(buf, k, cols, desc);
    } else {
      nth_element(buf, k - 1, cols, desc);
      if (a->sorted) std_sort(buf, k - 1, desc);
    }
    for (int64_t j = 0; j < k; j++) {
      if (is_double) ((double *)a->values.data)[r * k + j] = buf[j].key;
      else ((float *)a->values.data)[r * k + j] = (float)buf[j].key;
      out_indices[r * k + j] = (double)buf[j].index;
    }
  }
  free(buf);
  return NULL;
}
