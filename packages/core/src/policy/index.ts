// Public exports of core/policy: explicit names only; the package index re-exports this list.
export {};
