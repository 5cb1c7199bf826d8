/** @eskit/core: the pure model behind every eskit renderer. */
export * from "./providers";
