// The Worker module loaded anew under a query suffix (test/worker/cold-start.test.ts).
type FreshWorker = ExportedHandler<import('../../src/entries/worker/main.js').Env>;
declare module '*main.ts?cold=1' {
  const worker: FreshWorker;
  export default worker;
}
declare module '*main.ts?cold=2' {
  const worker: FreshWorker;
  export default worker;
}
declare module '*main.ts?cold=3' {
  const worker: FreshWorker;
  export default worker;
}
declare module '*main.ts?cold=4' {
  const worker: FreshWorker;
  export default worker;
}
