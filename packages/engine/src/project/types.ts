export type { Points } from "../points/index.ts";

/** Called with the share of the work done, in [0, 1]; the last call is 1. */
export type OnProgress = (share: number) => void;
