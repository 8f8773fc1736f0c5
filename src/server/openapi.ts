// The document lives in ./openapi/, split by area; this keeps the import path of create-api.ts.
export { openApiDocument } from './openapi/index.js';
