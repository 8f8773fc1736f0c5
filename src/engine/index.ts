export { DockerEngine } from './docker-engine.js';
export { labelKeys } from './labels.js';
export { FrameDecoder } from './frame-decoder.js';
export type { LogFrame } from './frame-decoder.js';
export type {
  ContainerState,
  ContainerStatsSample,
  CreateContainerSpec,
  EngineEvent,
  HostResources,
  ImageRef,
  ManagedContainer,
  ProgressListener,
} from './engine-types.js';
