/**
 * pdf.js's modern build calls Map/WeakMap.prototype.getOrInsertComputed (the "upsert" proposal),
 * which the Chromium inside older Electron releases lacks. Installed in the window and in the pdf.js
 * worker before pdf.js runs; a no-op where the engine has them.
 */
type Upsert<K, V> = {
  getOrInsertComputed?: (key: K, compute: (key: K) => V) => V;
  getOrInsert?: (key: K, value: V) => V;
};

function install(proto: object & Upsert<unknown, unknown>, has: (self: unknown, key: unknown) => boolean, get: (self: unknown, key: unknown) => unknown, set: (self: unknown, key: unknown, value: unknown) => void): void {
  if (typeof proto.getOrInsertComputed !== 'function') {
    Object.defineProperty(proto, 'getOrInsertComputed', {
      configurable: true,
      writable: true,
      value(this: unknown, key: unknown, compute: (key: unknown) => unknown) {
        if (has(this, key)) return get(this, key);
        const value = compute(key);
        set(this, key, value);
        return value;
      },
    });
  }
  if (typeof proto.getOrInsert !== 'function') {
    Object.defineProperty(proto, 'getOrInsert', {
      configurable: true,
      writable: true,
      value(this: unknown, key: unknown, value: unknown) {
        if (has(this, key)) return get(this, key);
        set(this, key, value);
        return value;
      },
    });
  }
}

install(
  Map.prototype,
  (m, k) => (m as Map<unknown, unknown>).has(k),
  (m, k) => (m as Map<unknown, unknown>).get(k),
  (m, k, v) => void (m as Map<unknown, unknown>).set(k, v),
);
install(
  WeakMap.prototype,
  (m, k) => (m as WeakMap<object, unknown>).has(k as object),
  (m, k) => (m as WeakMap<object, unknown>).get(k as object),
  (m, k, v) => void (m as WeakMap<object, unknown>).set(k as object, v),
);

type PromiseWithTry = PromiseConstructor & { try?: (fn: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise<unknown> };
if (typeof (Promise as PromiseWithTry).try !== 'function') {
  Object.defineProperty(Promise, 'try', {
    configurable: true,
    writable: true,
    value(fn: (...args: unknown[]) => unknown, ...args: unknown[]) {
      return new Promise((resolve) => resolve(fn(...args)));
    },
  });
}

export {};
