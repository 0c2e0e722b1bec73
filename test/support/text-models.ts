import { fileURLToPath } from "node:url";

/** The tiny sentence-transformer-shaped models made by test/fixtures/text-models/make-tiny-models.py. */
export const TEXT_MODELS_DIR = fileURLToPath(new URL("../fixtures/text-models/", import.meta.url));
export const TINY_TEXT_MODEL = `${TEXT_MODELS_DIR}tiny-bert`;
export const WRONG_OUTPUTS_MODEL = `${TEXT_MODELS_DIR}wrong-outputs`;
