/**
 * A pure function remembered for its last `size` distinct arguments (compared as JSON), the least recently
 * used forgotten first. For work that costs more than its arguments' JSON and is asked for again and again
 * with the same arguments, such as a chart of figures that change only when money moves. A promise is
 * remembered while it runs too, so that requests for the same work at once share it, and forgotten if it fails.
 */
export function memoise<A extends unknown[], R>(fn: (...args: A) => R, size: number): (...args: A) => R {
  const remembered = new Map<string, R>();
  return (...args: A) => {
    const key = JSON.stringify(args);
    if (remembered.has(key)) {
      const value = remembered.get(key)!;
      remembered.delete(key); // to the end: the most recently used
      remembered.set(key, value);
      return value;
    }
    const value = fn(...args);
    remembered.set(key, value);
    if (value instanceof Promise) {
      value.catch(() => {
        if (remembered.get(key) === value) remembered.delete(key);
      });
    }
    if (remembered.size > size) remembered.delete(remembered.keys().next().value!);
    return value;
  };
}
