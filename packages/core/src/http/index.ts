// Public exports of core/http: explicit names only; the package index re-exports this list.
export {};
