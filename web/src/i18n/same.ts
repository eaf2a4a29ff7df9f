// Another language's messages of one area: exactly the keys of its Korean ones.
export type Same<T> = { readonly [K in keyof T]: string };
