/** Closes an exhaustive switch: a new model kind is a type error here until it is handled. */
export function assertNever(x: never): never {
  throw new Error(`未处理的种类：${JSON.stringify(x)}`);
}
