export { describeEncoder } from "./describe-encoder.ts";
export { fitEncoder } from "./fit-encoder.ts";
export { OUTPUT_LIMIT } from "./numeric-encoding.ts";
export { DEFAULT_ENCODER_OPTIONS } from "./options.ts";
export { median } from "./stats.ts";
export { featureGroups, transform } from "./transform.ts";
export {
  type BinaryEncoding,
  type CategoricalEncoding,
  ENCODER_SPEC_VERSION,
  type EncoderOptions,
  type EncoderSpec,
  type FeatureEncoding,
  type FeatureGroup,
  type FeatureMatrix,
  type NumericEncoding,
} from "./types.ts";
