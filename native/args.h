/* The addon's one argument parser: every entry point's arguments are read and checked against its spec in the
   generated entry_points.h (kinds, count, one float type, strides as long as the dims), into its argument
   struct. Also the overflow-checked index arithmetic behind every bounds check: whatever JavaScript passes, a
   size, offset or stride product that doesn't fit in int64 is an error, never a wrapped index. */
#ifndef TENSORGRAD_ARGS_H
#define TENSORGRAD_ARGS_H
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>

#include "entry_points.h"

/* The largest integer a double holds exactly (Number.MAX_SAFE_INTEGER): the bound of every int argument. */
#define MAX_SAFE_INT 9007199254740991LL

typedef struct {
  void *data;
  size_t length; /* elements */
  int is_double;
} FloatArray;

typedef struct {
  uint8_t *data;
  size_t length; /* bytes */
} ByteArray;

typedef struct {
  int64_t v[MAX_DIMS];
  uint32_t n;
} IntList;

/* The kinds of src/backend/native/entry_points.ts (docs/native.md says what each accepts). */
typedef enum {
  ARG_FLOATS,
  ARG_F32,
  ARG_F64,
  ARG_ANY_FLOATS,
  ARG_BYTES,
  ARG_INT,
  ARG_FLAG,
  ARG_NUMBER,
  ARG_DIMS,
  ARG_STRIDES,
  ARG_OP,
} ArgKind;

typedef struct {
  const char *name;
  ArgKind kind;
  int64_t op_count; /* ARG_OP: codes are [0, op_count) */
  size_t offset;    /* of its field in the entry's argument struct */
} ArgSpec;

typedef struct {
  const char *name;
  const ArgSpec *args;
  uint32_t count, required; /* arguments after `required` are optional (0 when absent) */
  size_t size;              /* of the argument struct */
  const char *signature;    /* the table's "name:kind" list, exported for loadAddon's staleness check */
} EntrySpec;

typedef struct {
  const char *name;
  int code;
} OpCodeName;

/* Fills the entry's argument struct `out`, or throws a JavaScript error and returns 0. */
int parse_args(napi_env env, napi_callback_info info, const EntrySpec *spec, void *out);

/* Throws "tensorgrad native <entry>: <printf message>"; returns NULL, for an entry point to return. */
napi_value throw_error(napi_env env, const char *entry, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets *numel to the view's element count and returns 1 when every element of the view (offset, shape,
   strides) lies in [0, length); returns 0 when one lies outside or any product or sum overflows int64. An
   empty view is always in bounds. Shapes are >= 0 (dims) and |strides| <= MAX_SAFE_INT (parse_args). */
int view_in_bounds(const IntList *shape, const IntList *strides, int64_t offset, size_t length, int64_t *numel);

/* Whether elements [offset, offset + count) lie in an array of `length` (offset, count >= 0). */
int dense_in_bounds(int64_t offset, int64_t count, size_t length);

/* *product = a * b * c, or 0 on int64 overflow. */
int product3(int64_t a, int64_t b, int64_t c, int64_t *product);

/* Writes "[d0, d1, ...]" into buf (for error messages); returns buf. */
const char *format_list(const IntList *list, char *buf, size_t size);

#endif
