// A child for ReusableChild's tests: answers each task with its pid, or misbehaves on request.
const held = [];
process.on('message', (task) => {
  if (task.do === 'crash') process.abort();
  if (task.do === 'hang') return;
  if (task.do === 'grow') {
    held.push(Buffer.alloc(task.mb * 1024 * 1024, 1));
    return;
  }
  process.send({ type: 'done', pid: process.pid, n: task.n });
  if (task.do === 'grow-after') held.push(Buffer.alloc(task.mb * 1024 * 1024, 1));
});
process.once('disconnect', () => process.exit(0));
