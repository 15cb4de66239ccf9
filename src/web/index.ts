// The review app's face: the command line starts it, tests build it in process.
export { createReviewApp, type ReviewAppOptions } from './app.js';
export { serveReviewApp, type RunningApp } from './serve.js';
