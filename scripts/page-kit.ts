// What the status page scripts (bench, screenshots) need, bundled as one module.
export { pageFixture } from '../__tests__/support/page-fixture.js';
export { renderEndpointPages, renderPage } from '../src/page/page.js';
