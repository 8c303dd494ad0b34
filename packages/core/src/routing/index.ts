// Public exports of core/routing: explicit names only; the package index re-exports this list.
export {};
