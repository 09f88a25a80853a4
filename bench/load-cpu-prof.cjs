/**
 * Loaded into the app server with NODE_OPTIONS="--require bench/load-cpu-prof.cjs" by `npm run bench:load -- --profile DIR`
 * (Node 20 refuses --cpu-prof in NODE_OPTIONS): samples the process's CPU with the inspector's profiler and writes
 * DIR/CPU.<pid>.cpuprofile when the process receives SIGUSR2 (the bench sends it before stopping the server).
 */
const dir = process.env.LOAD_CPU_PROF_DIR;
if (dir) {
  const inspector = require("node:inspector");
  const fs = require("node:fs");
  const path = require("node:path");
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 1000 }, () => session.post("Profiler.start")));
  process.on("SIGUSR2", () => {
    session.post("Profiler.stop", (err, res) => {
      if (!err) fs.writeFileSync(path.join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(res.profile));
      session.post("Profiler.start");
    });
  });
}
