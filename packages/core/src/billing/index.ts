// Public exports of core/billing: explicit names only; the package index re-exports this list.
export {};
