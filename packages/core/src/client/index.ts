// Public exports of core/client: explicit names only; the package index re-exports this list.
export {};
