// How the picocli step table of README.md was measured. Not part of the build:
//   javac -cp target/benchmarks.jar -d /tmp/probe results/startup/Probe.java && (cd /tmp/probe && jar cf ../probe.jar dev)
//   java -cp /tmp/probe.jar:target/benchmarks.jar dev.layerbench.cli.Probe
//   (with a cache: add -XX:AOTCacheOutput=p.aot once, then -XX:AOTCache=p.aot; a directory on the class path disables it)
package dev.layerbench.cli;
import picocli.CommandLine;
public class Probe {
  static long t0 = System.nanoTime();
  static void p(String s){ long t=System.nanoTime(); System.err.printf("%7.1f ms %s%n",(t-t0)/1e6,s); t0=t; }
  public static void main(String[] a) throws Exception {
    p("start");
    Runnable r = () -> {}; r.run(); p("first lambda");
    java.util.function.Supplier<Object> s = HelpTool::new; p("first ctor ref");
    CommandLine.class.getName(); p("CommandLine class loaded");
    CommandLine top = new CommandLine(new Tools()); p("new CommandLine(Tools)");
    top.addSubcommand("unpack", new UnpackTool()); p("addSubcommand unpack");
    top.addSubcommand("inspect", new InspectTool()); p("addSubcommand inspect");
    top.parseArgs("unpack","--layer","x","--into","y"); p("parseArgs");
    CommandLine c2 = new CommandLine(new Tools()); c2.addSubcommand("unpack", new UnpackTool()); p("again");
  }
}
