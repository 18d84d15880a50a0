import '~engine/ops/index.ts';
import { initWebGL2 } from '~engine/backends/webgl2/index.ts';

// With this flag set, eachBackend fails instead of quietly testing the CPU alone when WebGL2 is missing.
(globalThis as { __STEPWISE_EXPECT_WEBGL2__?: boolean }).__STEPWISE_EXPECT_WEBGL2__ = true;

const result = initWebGL2();
if (!result.ok) console.error(`WebGL2 backend unavailable: ${result.reason}`);
