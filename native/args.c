/* The argument parser and overflow-checked bounds arithmetic declared in args.h. */
#include "args.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

napi_value throw_error(napi_env env, const char *entry, const char *format, ...) {
  char message[512];
  int used = snprintf(message, sizeof message, "tensorgrad native %s: ", entry);
  if (used < 0 || (size_t)used >= sizeof message) used = 0;
  va_list ap;
  va_start(ap, format);
  vsnprintf(message + used, sizeof message - (size_t)used, format, ap);
  va_end(ap);
  napi_throw_error(env, NULL, message);
  return NULL;
}

const char *format_list(const IntList *list, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i <= list->n && used < size; i++) {
    const int n = i == list->n ? snprintf(buf + used, size - used, "]")
                               : snprintf(buf + used, size - used, "%s%lld", i == 0 ? "[" : ", ",
                                          (long long)list->v[i]);
    if (n < 0) break;
    used += (size_t)n;
  }
  if (list->n == 0) snprintf(buf, size, "[]");
  return buf;
}

/* A JavaScript number that is an integer in [min, MAX_SAFE_INT]; NaN and infinities are not. */
static int get_int(napi_env env, napi_value v, int64_t min, int64_t *out) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok) return 0;
  if (!(d >= (double)min && d <= (double)MAX_SAFE_INT) || d != floor(d)) return 0;
  *out = (int64_t)d;
  return 1;
}

/* "got 0.5", "got a string": what a refused argument was, for its error message. */
static const char *describe(napi_env env, napi_value v, char *buf, size_t size) {
  static const char *const types[] = {"undefined", "null", "boolean", "number", "string",
                                      "symbol", "object", "function", "external", "bigint"};
  napi_valuetype type;
  double d;
  if (napi_typeof(env, v, &type) != napi_ok || (unsigned)type >= sizeof types / sizeof types[0]) {
    snprintf(buf, size, "got an unknown value");
  } else if (type == napi_number && napi_get_value_double(env, v, &d) == napi_ok) {
    if (isnan(d)) snprintf(buf, size, "got NaN");
    else if (isinf(d)) snprintf(buf, size, "got %sInfinity", d < 0 ? "-" : "");
    else snprintf(buf, size, "got %.17g", d);
  } else {
    const int vowel = type == napi_undefined || type == napi_object || type == napi_external;
    snprintf(buf, size, "got a%s %s", vowel ? "n" : "", types[type]);
  }
  return buf;
}

/* Float32Array (is_double 0) or Float64Array (1); any other value or typed array is refused. */
static int get_float_array(napi_env env, napi_value v, FloatArray *out) {
  bool is_typed = false;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed) return 0;
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, NULL, NULL) != napi_ok) return 0;
  if (type != napi_float32_array && type != napi_float64_array) return 0;
  out->data = data;
  out->length = length;
  out->is_double = type == napi_float64_array;
  return 1;
}

/* A JavaScript array of at most MAX_DIMS integers >= min. On failure *bad is the refused element's index, or -1
   when v is not an array of at most MAX_DIMS. */
static int get_int_list(napi_env env, napi_value v, int64_t min, IntList *out, int64_t *bad, napi_value *element) {
  bool is_array = false;
  uint32_t n;
  *bad = -1;
  if (napi_is_array(env, v, &is_array) != napi_ok || !is_array) return 0;
  if (napi_get_array_length(env, v, &n) != napi_ok || n > MAX_DIMS) return 0;
  for (uint32_t i = 0; i < n; i++) {
    *bad = i;
    if (napi_get_element(env, v, i, element) != napi_ok || !get_int(env, *element, min, &out->v[i])) return 0;
  }
  out->n = n;
  return 1;
}

static const char *float_type_name(int is_double) { return is_double ? "Float64Array" : "Float32Array"; }

static int is_typed_array_kind(ArgKind kind) {
  return kind == ARG_FLOATS || kind == ARG_F32 || kind == ARG_F64 || kind == ARG_ANY_FLOATS || kind == ARG_BYTES;
}

/* What parse_args learns from one argument that it checks others against. */
typedef struct {
  int float_type; /* the is_double of the call's `floats` arguments once one is read, else -1 */
  const IntList *dims;
  const char *dims_name;
} CallState;

/* Reads argument v of kind arg->kind into `field`, or throws and returns 0. */
static int parse_arg(napi_env env, const EntrySpec *spec, const ArgSpec *arg, napi_value v, char *field,
                     CallState *call) {
  char got[64];
  switch (arg->kind) {
    case ARG_FLOATS:
    case ARG_F32:
    case ARG_F64:
    case ARG_ANY_FLOATS: {
      FloatArray *a = (FloatArray *)field;
      const char *wanted = arg->kind == ARG_F32   ? "Float32Array"
                           : arg->kind == ARG_F64 ? "Float64Array"
                                                  : "Float32Array or Float64Array";
      if (!get_float_array(env, v, a)) {
        throw_error(env, spec->name, "%s must be a %s", arg->name, wanted);
        return 0;
      }
      /* the array type this argument must have, or -1 for either */
      const int want = arg->kind == ARG_F32      ? 0
                       : arg->kind == ARG_F64    ? 1
                       : arg->kind == ARG_FLOATS ? call->float_type
                                                 : -1;
      if (want >= 0 && a->is_double != want) {
        throw_error(env, spec->name, "%s must be a %s%s", arg->name, float_type_name(want),
                    arg->kind == ARG_FLOATS ? ", the type of the call's other float arrays" : "");
        return 0;
      }
      if (arg->kind == ARG_FLOATS) call->float_type = a->is_double;
      return 1;
    }
    case ARG_BYTES: {
      ByteArray *b = (ByteArray *)field;
      bool is_typed = false;
      napi_typedarray_type type;
      void *data;
      if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed ||
          napi_get_typedarray_info(env, v, &type, &b->length, &data, NULL, NULL) != napi_ok ||
          type != napi_uint8_array) {
        throw_error(env, spec->name, "%s must be a Uint8Array", arg->name);
        return 0;
      }
      b->data = data;
      return 1;
    }
    case ARG_INT:
    case ARG_FLAG:
    case ARG_OP: {
      int64_t *i = (int64_t *)field;
      const int64_t max = arg->kind == ARG_FLAG ? 1 : arg->kind == ARG_OP ? arg->op_count - 1 : MAX_SAFE_INT;
      if (get_int(env, v, 0, i) && *i <= max) return 1;
      describe(env, v, got, sizeof got);
      if (arg->kind == ARG_INT)
        throw_error(env, spec->name, "%s must be an integer from 0 to 2^53 - 1, %s", arg->name, got);
      else if (arg->kind == ARG_FLAG)
        throw_error(env, spec->name, "%s must be 0 or 1, %s", arg->name, got);
      else
        throw_error(env, spec->name, "%s must be an op code from 0 to %lld, %s", arg->name, (long long)max, got);
      return 0;
    }
    case ARG_NUMBER:
      if (napi_get_value_double(env, v, (double *)field) == napi_ok) return 1;
      throw_error(env, spec->name, "%s must be a number, %s", arg->name, describe(env, v, got, sizeof got));
      return 0;
    case ARG_DIMS:
    case ARG_STRIDES: {
      IntList *list = (IntList *)field;
      const int strides = arg->kind == ARG_STRIDES;
      int64_t bad;
      napi_value element;
      if (!get_int_list(env, v, strides ? -MAX_SAFE_INT : 0, list, &bad, &element)) {
        if (bad < 0)
          throw_error(env, spec->name, "%s must be an array of at most %d integers", arg->name, MAX_DIMS);
        else
          throw_error(env, spec->name, "%s[%lld] must be an integer from %s to 2^53 - 1, %s", arg->name,
                      (long long)bad, strides ? "-(2^53 - 1)" : "0", describe(env, element, got, sizeof got));
        return 0;
      }
      if (!strides) call->dims = list, call->dims_name = arg->name;
      return 1;
    }
  }
  throw_error(env, spec->name, "%s has an unknown kind", arg->name);
  return 0;
}

int parse_args(napi_env env, napi_callback_info info, const EntrySpec *spec, void *out) {
  /* napi_get_cb_info fills at most MAX_ENTRY_ARGS values but reports the true count, checked next. */
  size_t argc = MAX_ENTRY_ARGS;
  napi_value argv[MAX_ENTRY_ARGS];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) {
    throw_error(env, spec->name, "could not read the arguments");
    return 0;
  }
  if (argc < spec->required || argc > spec->count) {
    if (spec->required == spec->count)
      throw_error(env, spec->name, "expected %u arguments, got %zu", spec->count, argc);
    else
      throw_error(env, spec->name, "expected %u to %u arguments, got %zu", spec->required, spec->count, argc);
    return 0;
  }
  memset(out, 0, spec->size);
  CallState call = {-1, NULL, NULL};
  /* Typed arrays last: reading a list element may run JavaScript (a getter), which could detach or shrink an
     array whose data pointer and length were already taken. */
  for (int typed_arrays = 0; typed_arrays < 2; typed_arrays++) {
    for (size_t i = 0; i < argc; i++) {
      const ArgSpec *arg = &spec->args[i];
      if (is_typed_array_kind(arg->kind) != typed_arrays) continue;
      if (!parse_arg(env, spec, arg, argv[i], (char *)out + arg->offset, &call)) return 0;
    }
  }
  /* Strides must match the dims (gen_native.ts allows one dims argument per entry point). */
  for (size_t i = 0; i < argc && call.dims != NULL; i++) {
    const ArgSpec *arg = &spec->args[i];
    const IntList *list = (const IntList *)((const char *)out + arg->offset);
    if (arg->kind == ARG_STRIDES && list->n != call.dims->n) {
      throw_error(env, spec->name, "%s has %u entries but %s has %u", arg->name, list->n, call.dims_name, call.dims->n);
      return 0;
    }
  }
  return 1;
}

int view_in_bounds(const IntList *shape, const IntList *strides, int64_t offset, size_t length, int64_t *numel) {
  *numel = 0;
  for (uint32_t d = 0; d < shape->n; d++)
    if (shape->v[d] == 0) return 1;
  int64_t n = 1;
  for (uint32_t d = 0; d < shape->n; d++)
    if (__builtin_mul_overflow(n, shape->v[d], &n)) return 0;
  *numel = n;
  /* The lowest and highest element: every index at 0 or at its last value, by the stride's sign. */
  int64_t lo = offset, hi = offset;
  for (uint32_t d = 0; d < shape->n; d++) {
    int64_t span;
    if (__builtin_mul_overflow(shape->v[d] - 1, strides->v[d], &span)) return 0;
    if (__builtin_add_overflow(span < 0 ? lo : hi, span, span < 0 ? &lo : &hi)) return 0;
  }
  return lo >= 0 && (uint64_t)hi < (uint64_t)length;
}

int dense_in_bounds(int64_t offset, int64_t count, size_t length) {
  int64_t end;
  return offset >= 0 && count >= 0 && !__builtin_add_overflow(offset, count, &end) && (uint64_t)end <= (uint64_t)length;
}

int product3(int64_t a, int64_t b, int64_t c, int64_t *product) {
  int64_t ab;
  return !__builtin_mul_overflow(a, b, &ab) && !__builtin_mul_overflow(ab, c, product);
}
