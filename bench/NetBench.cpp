// Networking (docs/benchmarks.md, "Networking: PACS and DICOMweb"), against a throwaway Orthanc
// on loopback (tests/support/OrthancServer.h) and DCMTK's own command-line tools, all measured in
// the same run:
//
//  1. Retrieve throughput of a 300-slice CT (512 x 512, 16-bit, 157 MB) through
//     workflow::retrieveFromNode, indexing included, by C-GET and by WADO-RS, against DCMTK's
//     `getscu` writing the same study into a folder. Every run gets a fresh destination folder
//     and a fresh index. Target: NBRA / getscu instances per second >= 0.9.
//  2. Peak memory of `nbra-cli remote get` (C-GET and WADO-RS) as a child process (wait4's
//     ru_maxrss) for a 100-slice and a 300-slice study. Target: 300-slice peak <= ~1.2 x the
//     100-slice peak (instances streamed to disk, not buffered).
//  3. Query latency with 1,000 single-instance studies in Orthanc: a study-level C-FIND and a
//     QIDO-RS returning all 1,000 through workflow::queryNode, against DCMTK's `findscu`
//     process doing the C-FIND (with the brief's one key, and with the keys NBRA asks for), and
//     curl fetching the same QIDO-RS URL.
//
// Nagle's algorithm: Debian's DCMTK (getscu, findscu, Orthanc's DIMSE side) leaves it on unless
// the environment says TCP_NODELAY=1, and a C-GET then waits ~45 ms per instance for a delayed
// ACK. NBRA sets TCP_NODELAY=1 for itself (dicom/net preferLowLatencyTcp) unless it is set
// already. So every DIMSE case names its setting: "as shipped" (the tools' own default), or
// TCP_NODELAY=0 / =1 given to the client, and an Orthanc started with TCP_NODELAY=1 for the
// cases where neither end waits for the other.
//
// Each case runs once to warm up, then --runs times (the fast retrieve cases three times as
// often); the order of the cases is shuffled in every round, and medians are reported. Scratch
// folders and Orthanc's storage live below TMPDIR:
//
//   TMPDIR=/dev/shm build/bench/nbra_net_bench [--runs N] [--only retrieve|memory|query]

#include <dcmtk/dcmdata/dcuid.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"
#include "dicom/net/DimseNode.h"
#include "tests/support/OrthancServer.h"
#include "tests/support/SyntheticDicom.h"
#include "workflow/net/RemoteNode.h"
#include "workflow/net/RemoteOperations.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nbra::testing::OrthancServer;

constexpr int kLargeSlices = 300;
constexpr int kSmallSlices = 100;
constexpr int kQueryStudies = 1000;

// Thrown up to main(), so that the scratch folders and the Orthanc instances go on the way.
[[noreturn]] void die(const std::string& why) {
  throw std::runtime_error(why);
}

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// This process's TCP_NODELAY (read by DCMTK whenever it requests an association): nullptr unsets.
void setTcpNoDelay(const char* value) {
  if (value) {
    ::setenv("TCP_NODELAY", value, 1);
  } else {
    ::unsetenv("TCP_NODELAY");
  }
}

struct ChildRun {
  double seconds = 0;
  double peakMb = 0;  // ru_maxrss
  bool ok = false;
};

// Runs argv with stdout and stderr into `output` and TCP_NODELAY unset (nullptr) or set to
// `tcpNoDelay` in its environment; wall time and peak RSS from wait4.
ChildRun runChild(const std::vector<std::string>& argv, const char* tcpNoDelay,
                  const std::string& output = "/dev/null") {
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "TCP_NODELAY=", 12) != 0) {
      environment.emplace_back(*e);
    }
  }
  if (tcpNoDelay) {
    environment.push_back(std::string("TCP_NODELAY=") + tcpNoDelay);
  }
  // Everything the child needs is made before fork(): it only redirects and execs.
  std::vector<char*> args;
  for (const auto& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& e : environment) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    die("fork failed");
  }
  if (pid == 0) {
    const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ::dup2(fd, 1) < 0 || ::dup2(fd, 2) < 0) {
      ::_exit(126);
    }
    ::execvpe(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  ChildRun r;
  r.seconds = secondsSince(start);
  r.peakMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return r;
}

// In-process NBRA with TCP_NODELAY forced to `value` for one call, then NBRA's own setting back.
template <class F>
auto withTcpNoDelay(const char* value, F f) {
  const char* mine = std::getenv("TCP_NODELAY");
  const std::string saved = mine ? mine : "";
  setTcpNoDelay(value);
  struct Restore {
    bool had;
    const std::string& saved;
    ~Restore() { setTcpNoDelay(had ? saved.c_str() : nullptr); }
  } restore{mine != nullptr, saved};
  return f();
}

std::size_t filesBelow(const fs::path& folder) {
  std::size_t n = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec); it != fs::end(it); ++it) {
    if (it->is_regular_file() && it->path().parent_path().filename() != ".incoming") {
      ++n;
    }
  }
  return n;
}

std::uintmax_t bytesBelow(const fs::path& folder) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    if (e.is_regular_file()) {
      n += e.file_size();
    }
  }
  return n;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The bench's cases: each run returns a value (seconds, or MB for memory), or throws.
struct Case {
  std::string name;
  std::function<double()> run;
  std::vector<double> samples;
  double med() const { return median(samples); }
  double lo() const { return *std::min_element(samples.begin(), samples.end()); }
  double hi() const { return *std::max_element(samples.begin(), samples.end()); }
};

// A warm-up round, then `runs` rounds in a new random order each.
void runAll(std::vector<Case>& cases, int runs, std::mt19937& random) {
  std::vector<std::size_t> order(cases.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  for (int round = 0; round <= runs; ++round) {
    std::shuffle(order.begin(), order.end(), random);
    for (std::size_t i : order) {
      const double v = cases[i].run();
      if (round > 0) {
        cases[i].samples.push_back(v);
      }
    }
    std::printf("  round %d of %d done%s\n", round, runs, round == 0 ? " (warm-up)" : "");
    std::fflush(stdout);
  }
}

nbra::workflow::RemoteNode dimseNode(const OrthancServer& server) {
  const QJsonObject o{
      {"name", "bench archive"},
      {"protocol", "dimse"},
      {"aeTitle", QString::fromStdString(server.aet())},
      {"host", "127.0.0.1"},
      {"port", server.dicomPort()},
      {"timeoutsSeconds", QJsonObject{{"connect", 30}, {"association", 30}, {"message", 60}}}};
  return nbra::workflow::nodeFromJson(o, "bench");
}

nbra::workflow::RemoteNode webNode(const OrthancServer& server) {
  const QJsonObject o{{"name", "bench web archive"},
                      {"protocol", "dicomweb"},
                      {"url", QString::fromStdString(server.dicomWebUrl())},
                      {"timeoutSeconds", 60}};
  return nbra::workflow::nodeFromJson(o, "bench");
}

// Starts Orthanc with TCP_NODELAY unset (as Debian ships it: DCMTK leaves Nagle's algorithm on)
// or set to `tcpNoDelay`; this process's own value is put back afterwards.
void startOrthanc(OrthancServer& server, const char* tcpNoDelay = nullptr) {
  const char* mine = std::getenv("TCP_NODELAY");
  const std::string saved = mine ? mine : "";
  setTcpNoDelay(tcpNoDelay);
  std::string why;
  const bool ok = OrthancServer::installed(server.options(), &why) && server.start(&why);
  setTcpNoDelay(mine ? saved.c_str() : nullptr);
  if (!ok) {
    die("Orthanc: " + why);
  }
}

struct Study {
  std::string uid;
  fs::path folder;
  int slices = 0;
  double megabytes = 0;
};

Study writeCt(const fs::path& folder, int slices, const std::string& patientId) {
  nbra::testing::SyntheticSeries spec;
  spec.patientId = patientId;
  spec.slices = slices;
  spec.rows = 512;
  spec.columns = 512;
  spec.sliceSpacingMm = 1.0;
  char uid[100];
  spec.studyUid = dcmGenerateUniqueIdentifier(uid);
  nbra::testing::writeSeries(folder, spec);
  return {spec.studyUid, folder, slices, static_cast<double>(bytesBelow(folder)) / 1e6};
}

void printTable(const char* header, const std::vector<Case>& cases, const char* unit,
                const std::function<std::string(const Case&)>& extra) {
  std::printf("\n%s\n", header);
  for (const auto& c : cases) {
    std::printf("  %-58s %9.3f %s  [%.3f .. %.3f]  %s\n", c.name.c_str(), c.med(), unit, c.lo(),
                c.hi(), extra(c).c_str());
  }
  std::fflush(stdout);
}

std::string verdict(bool met) {
  return met ? "met" : "NOT MET";
}

// --- 1. retrieve throughput ----------------------------------------------------------------

void benchRetrieve(const OrthancServer& shipped, const OrthancServer& noDelayServer,
                   const Study& ct, const fs::path& work, const std::string& cli, int runs,
                   std::mt19937& random) {
  const auto dimseShipped = dimseNode(shipped);
  const auto dimseNoDelay = dimseNode(noDelayServer);
  const auto web = webNode(shipped);
  int serial = 0;
  auto fresh = [&] {
    const fs::path dir = work / ("run-" + std::to_string(serial++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
  };
  auto check = [&](const std::string& what, std::size_t n) {
    if (n != static_cast<std::size_t>(ct.slices)) {
      die(what + ": " + std::to_string(n) + " instances arrived, not " + std::to_string(ct.slices));
    }
  };
  // The brief's command; `bitPreserving` adds +B (written to disk as received, as NBRA does).
  auto getscu = [&](const OrthancServer& server, const char* tcpNoDelay,
                    bool bitPreserving = false) {
    return [&, tcpNoDelay, bitPreserving] {
      const fs::path dir = fresh();
      std::vector<std::string> argv{"getscu",     "-aec",
                                    server.aet(), "-S",
                                    "-k",         "QueryRetrieveLevel=STUDY",
                                    "-k",         "StudyInstanceUID=" + ct.uid,
                                    "-od",        dir.string(),
                                    "127.0.0.1",  std::to_string(server.dicomPort())};
      if (bitPreserving) {
        argv.insert(argv.begin() + 1, "+B");
      }
      const ChildRun r = runChild(argv, tcpNoDelay);
      if (!r.ok) {
        die("getscu failed");
      }
      check("getscu", filesBelow(dir));
      fs::remove_all(dir);
      return r.seconds;
    };
  };
  // `tcpNoDelay` nullptr: NBRA as shipped (it sets TCP_NODELAY=1 itself).
  auto inProcess = [&](const nbra::workflow::RemoteNode& node, const char* tcpNoDelay, bool index) {
    return [&, tcpNoDelay, index] {
      const fs::path dir = fresh();
      nbra::workflow::RetrieveRequest request;
      request.node = node;
      request.targets = {{ct.uid, {}}};
      request.storeDir = QString::fromStdString((dir / "store").string());
      request.indexPath =
          index ? QString::fromStdString((dir / "index.sqlite").string()) : QString("-");
      const char* setting = tcpNoDelay ? tcpNoDelay : std::getenv("TCP_NODELAY");
      const std::string kept = setting ? setting : "";
      const auto [seconds, report] = withTcpNoDelay(setting ? kept.c_str() : nullptr, [&] {
        const auto start = Clock::now();
        auto r = nbra::workflow::retrieveFromNode(request);
        return std::make_pair(secondsSince(start), std::move(r));
      });
      check("retrieveFromNode", report.transfer.stored);
      if (index && report.indexedInstances != ct.slices) {
        die("retrieveFromNode indexed " + std::to_string(report.indexedInstances));
      }
      fs::remove_all(dir);
      return seconds;
    };
  };
  auto cliGet = [&](const OrthancServer& server, bool overWeb) {
    return [&, overWeb] {
      const fs::path dir = fresh();
      std::vector<std::string> argv{cli, "remote", "get"};
      if (overWeb) {
        argv.insert(argv.end(), {"--url", server.dicomWebUrl()});
      } else {
        argv.insert(argv.end(), {"--aet", server.aet(), "--host", "127.0.0.1", "--port",
                                 std::to_string(server.dicomPort())});
      }
      argv.insert(argv.end(), {"--study", ct.uid, "--into", (dir / "store").string(), "--index",
                               (dir / "index.sqlite").string()});
      const ChildRun r = runChild(argv, nullptr);  // as shipped
      if (!r.ok) {
        die("nbra-cli remote get failed");
      }
      check("nbra-cli", filesBelow(dir / "store"));
      fs::remove_all(dir);
      return r.seconds;
    };
  };
  // Indexing alone, as retrieveFromNode does it after the transfer: a fresh index, then
  // importPaths over the files that arrived (kept from one untimed retrieve).
  const fs::path keptFolder = work / "kept";
  std::vector<std::string> keptFiles;
  {
    nbra::workflow::RetrieveRequest request;
    request.node = web;
    request.targets = {{ct.uid, {}}};
    request.storeDir = QString::fromStdString(keptFolder.string());
    request.indexPath = "-";
    keptFiles = nbra::workflow::retrieveFromNode(request).transfer.files;
    check("retrieveFromNode", keptFiles.size());
  }
  auto indexOnly = [&](bool import) {
    return [&, import] {
      const fs::path path = fresh() / "index.sqlite";
      const auto start = Clock::now();
      nbra::dicom::ImageIndex index(path.string());
      if (import && nbra::dicom::importPaths(index, keptFiles).found.instances != ct.slices) {
        die("importPaths did not index every file");
      }
      const double seconds = secondsSince(start);
      fs::remove_all(path.parent_path());
      return seconds;
    };
  };

  const std::string getscuShipped = "getscu (baseline), as shipped";
  const std::string nbraNagle = "NBRA C-GET + index, TCP_NODELAY=0 (Nagle on)";
  const std::string getscuFast = "getscu, TCP_NODELAY=1";
  const std::string nbraGet = "NBRA C-GET + index, as shipped";
  const std::string cliGetName = "nbra-cli remote get (process), C-GET";
  const std::string getscuBoth = "getscu, TCP_NODELAY=1, Orthanc too";
  const std::string getscuBothB = "getscu +B (bit-preserving), TCP_NODELAY=1, Orthanc too";
  const std::string nbraBoth = "NBRA C-GET + index, Orthanc TCP_NODELAY=1";
  const std::string nbraBothNoIndex = "NBRA C-GET, no index, Orthanc TCP_NODELAY=1";
  const std::string cliGetBoth = "nbra-cli remote get (process), C-GET, Orthanc TCP_NODELAY=1";
  const std::string indexOpen = "index alone: open a fresh index";
  const std::string indexImport = "index alone: open a fresh index + importPaths";
  const std::string wado = "NBRA WADO-RS + index";
  const std::string wadoNoIndex = "NBRA WADO-RS, no index";
  const std::string cliWado = "nbra-cli remote get --url (process), WADO-RS";
  // With Nagle on, every C-GET waits ~45 ms per instance: those two cases get `runs` rounds, the
  // fast ones three times as many (their spread on a shared 2-core machine is wider).
  std::vector<Case> slow{
      {getscuShipped, getscu(shipped, nullptr), {}},
      {nbraNagle, inProcess(dimseShipped, "0", true), {}},
  };
  std::vector<Case> fast{
      {getscuFast, getscu(shipped, "1"), {}},
      {nbraGet, inProcess(dimseShipped, nullptr, true), {}},
      {cliGetName, cliGet(shipped, false), {}},
      {getscuBoth, getscu(noDelayServer, "1"), {}},
      {getscuBothB, getscu(noDelayServer, "1", true), {}},
      {nbraBoth, inProcess(dimseNoDelay, nullptr, true), {}},
      {nbraBothNoIndex, inProcess(dimseNoDelay, nullptr, false), {}},
      {cliGetBoth, cliGet(noDelayServer, false), {}},
      {indexOpen, indexOnly(false), {}},
      {indexImport, indexOnly(true), {}},
      {wado, inProcess(web, nullptr, true), {}},
      {wadoNoIndex, inProcess(web, nullptr, false), {}},
      {cliWado, cliGet(shipped, true), {}},
  };
  std::printf(
      "\n1. retrieve: %d-slice CT, 512 x 512 16-bit, %.1f MB; %d rounds (Nagle on) or %d "
      "rounds (the rest) + 1 warm-up\n",
      ct.slices, ct.megabytes, runs, 3 * runs);
  runAll(slow, runs, random);
  runAll(fast, 3 * runs, random);
  std::vector<Case> cases = std::move(slow);
  cases.insert(cases.end(), std::make_move_iterator(fast.begin()),
               std::make_move_iterator(fast.end()));
  printTable("retrieve (median wall time, [min .. max])", cases, "s", [&](const Case& c) {
    if (c.name.rfind("index alone", 0) == 0) {
      return std::string();
    }
    char text[80];
    std::snprintf(text, sizeof text, "%6.1f inst/s %6.1f MB/s", ct.slices / c.med(),
                  ct.megabytes / c.med());
    return std::string(text);
  });
  auto find = [&](const std::string& name) -> const Case& {
    for (const auto& c : cases) {
      if (c.name == name) {
        return c;
      }
    }
    die("no case " + name);
  };
  // Instances per second of a over b: b's time over a's, by medians (and by best runs).
  auto ratio = [&](const std::string& a, const std::string& b, bool target = true) {
    const Case& x = find(a);
    const Case& y = find(b);
    char text[120];
    const double byMedian = y.med() / x.med();
    std::snprintf(text, sizeof text, "%5.2f (best runs %5.2f) %s", byMedian, y.lo() / x.lo(),
                  target ? verdict(byMedian >= 0.9).c_str() : "");
    return std::string(text);
  };
  std::printf("\nratios NBRA / getscu, instances per second, by medians (target >= 0.9):\n");
  std::printf("  the brief's: NBRA as shipped / getscu as shipped\n");
  std::printf("    C-GET + index          %s\n", ratio(nbraGet, getscuShipped).c_str());
  std::printf("    WADO-RS + index        %s\n", ratio(wado, getscuShipped).c_str());
  std::printf(
      "  like for like: NBRA as shipped / getscu with TCP_NODELAY=1 (Orthanc as shipped)\n");
  std::printf("    C-GET + index          %s\n", ratio(nbraGet, getscuFast).c_str());
  std::printf("    WADO-RS + index        %s\n", ratio(wado, getscuFast).c_str());
  std::printf("    nbra-cli C-GET process %s\n", ratio(cliGetName, getscuFast).c_str());
  std::printf("    nbra-cli WADO process  %s\n", ratio(cliWado, getscuFast).c_str());
  std::printf("  neither end waits (Orthanc and client TCP_NODELAY=1)\n");
  std::printf("    C-GET + index          %s\n", ratio(nbraBoth, getscuBoth).c_str());
  std::printf("    C-GET + index vs +B    %s\n", ratio(nbraBoth, getscuBothB).c_str());
  std::printf("    C-GET, no index        %s\n", ratio(nbraBothNoIndex, getscuBoth).c_str());
  std::printf("    nbra-cli C-GET process %s\n", ratio(cliGetBoth, getscuBoth).c_str());
  std::printf("  both with Nagle on (NBRA before preferLowLatencyTcp)\n");
  std::printf("    C-GET + index          %s\n", ratio(nbraNagle, getscuShipped, false).c_str());
  std::printf(
      "  index alone, median: open %.0f ms, open + import %.0f ms; retrieve with index - "
      "without: C-GET %+.0f ms, WADO-RS %+.0f ms\n",
      1000 * find(indexOpen).med(), 1000 * find(indexImport).med(),
      1000 * (find(nbraBoth).med() - find(nbraBothNoIndex).med()),
      1000 * (find(wado).med() - find(wadoNoIndex).med()));
}

// --- 2. peak memory ------------------------------------------------------------------------

void benchMemory(const OrthancServer& server, const Study& small, const Study& large,
                 const fs::path& work, const std::string& cli, int runs, std::mt19937& random) {
  const std::string port = std::to_string(server.dicomPort());
  int serial = 0;
  auto get = [&](const Study& study, bool overWeb) {
    return [&, overWeb] {
      const fs::path dir = work / ("mem-" + std::to_string(serial++));
      fs::remove_all(dir);
      fs::create_directories(dir);
      std::vector<std::string> argv{cli, "remote", "get"};
      if (overWeb) {
        argv.insert(argv.end(), {"--url", server.dicomWebUrl()});
      } else {
        argv.insert(argv.end(), {"--aet", server.aet(), "--host", "127.0.0.1", "--port", port});
      }
      argv.insert(argv.end(), {"--study", study.uid, "--into", (dir / "store").string(), "--index",
                               (dir / "index.sqlite").string()});
      const ChildRun r = runChild(argv, nullptr);
      if (!r.ok || filesBelow(dir / "store") != static_cast<std::size_t>(study.slices)) {
        die("nbra-cli remote get of " + std::to_string(study.slices) + " slices failed");
      }
      fs::remove_all(dir);
      return r.peakMb;
    };
  };
  std::vector<Case> cases{
      {"nbra-cli remote echo (C-ECHO, the floor)",
       [&] {
         const ChildRun r = runChild(
             {cli, "remote", "echo", "--aet", server.aet(), "--host", "127.0.0.1", "--port", port},
             nullptr);
         if (!r.ok) {
           die("nbra-cli remote echo failed");
         }
         return r.peakMb;
       },
       {}},
      {"C-GET, " + std::to_string(small.slices) + " slices", get(small, false), {}},
      {"C-GET, " + std::to_string(large.slices) + " slices", get(large, false), {}},
      {"WADO-RS, " + std::to_string(small.slices) + " slices", get(small, true), {}},
      {"WADO-RS, " + std::to_string(large.slices) + " slices", get(large, true), {}},
  };
  std::printf(
      "\n2. peak RSS of nbra-cli remote get (as shipped), %d and %d slices (%.0f and %.0f "
      "MB); %d rounds + 1 warm-up\n",
      small.slices, large.slices, small.megabytes, large.megabytes, runs);
  runAll(cases, runs, random);
  printTable("peak RSS (median, [min .. max])", cases, "MB",
             [](const Case&) { return std::string(); });
  const double getRatio = cases[2].med() / cases[1].med();
  const double webRatio = cases[4].med() / cases[3].med();
  std::printf("\nratios 300-slice / 100-slice peak RSS (target <= ~1.2):\n");
  std::printf("  by medians:   C-GET %.2f %-8s WADO-RS %.2f %s\n", getRatio,
              verdict(getRatio <= 1.2).c_str(), webRatio, verdict(webRatio <= 1.2).c_str());
  const double getWorst = cases[2].hi() / cases[1].hi();
  const double webWorst = cases[4].hi() / cases[3].hi();
  std::printf("  by the worst: C-GET %.2f %-8s WADO-RS %.2f %s\n", getWorst,
              verdict(getWorst <= 1.2).c_str(), webWorst, verdict(webWorst <= 1.2).c_str());
  std::printf("  above the C-ECHO floor, medians: C-GET %.1f -> %.1f MB, WADO-RS %.1f -> %.1f MB\n",
              cases[1].med() - cases[0].med(), cases[2].med() - cases[0].med(),
              cases[3].med() - cases[0].med(), cases[4].med() - cases[0].med());
}

// --- 3. query latency ----------------------------------------------------------------------

void benchQuery(const fs::path& work, int runs, std::mt19937& random) {
  OrthancServer server;
  startOrthanc(server);
  const fs::path folder = work / "query-studies";
  std::printf("\n3. query: writing %d single-instance studies ...\n", kQueryStudies);
  std::fflush(stdout);
  for (int i = 0; i < kQueryStudies; ++i) {
    nbra::testing::SyntheticSeries spec;
    char id[32];
    std::snprintf(id, sizeof id, "NBRA-Q-%04d", i);
    spec.patientId = id;
    spec.patientName = std::string("QUERY^") + id;
    spec.slices = 1;
    spec.rows = 16;
    spec.columns = 16;
    char date[16];
    std::snprintf(date, sizeof date, "2026%02d15", i % 12 + 1);
    spec.studyDate = date;
    nbra::testing::writeSeries(folder / id, spec);
  }
  // Through Orthanc's REST API: storescu as shipped would wait for two delayed ACKs per instance
  // (Nagle's algorithm on both ends), 45 s for these 1,000 files.
  const auto uploadStart = Clock::now();
  std::string error;
  const int uploaded = server.uploadFolder(folder.string(), &error);
  const std::string stats = server.restGet("/statistics");
  std::printf("   REST upload: %.1f s; Orthanc /statistics: %s\n", secondsSince(uploadStart),
              QString::fromStdString(stats).simplified().toStdString().c_str());
  if (uploaded != kQueryStudies ||
      stats.find("\"CountStudies\" : " + std::to_string(kQueryStudies)) == std::string::npos) {
    die("the upload of the query studies failed: " + error);
  }
  const std::string port = std::to_string(server.dicomPort());

  const auto dimse = dimseNode(server);
  const auto web = webNode(server);
  const std::vector<std::string> briefKeys{
      "findscu",          "-S",        "-aec", server.aet(), "-k", "QueryRetrieveLevel=STUDY", "-k",
      "StudyInstanceUID", "127.0.0.1", port};
  // The keys fillQueryKeys (dicom/net/QueryKeys.cpp) sends at study level.
  std::vector<std::string> nbraKeys{"findscu", "-S", "-aec", server.aet()};
  for (const char* key :
       {"QueryRetrieveLevel=STUDY", "SpecificCharacterSet", "PatientID", "PatientName",
        "PatientBirthDate", "StudyDate", "StudyTime", "AccessionNumber", "StudyDescription",
        "StudyInstanceUID", "ModalitiesInStudy", "NumberOfStudyRelatedSeries",
        "NumberOfStudyRelatedInstances"}) {
    nbraKeys.insert(nbraKeys.end(), {"-k", key});
  }
  nbraKeys.insert(nbraKeys.end(), {"127.0.0.1", port});
  // What DicomWebClient::search asks for (qidoQuery).
  const std::string qidoUrl = server.dicomWebUrl() +
                              "/studies?includefield=00100030&includefield=00081030&"
                              "includefield=00080061&includefield=00201206&includefield=00201208&"
                              "limit=5001";

  // The baselines must return every study: counted once from findscu's log, outside timing.
  const std::vector<std::string>* baselines[] = {&briefKeys, &nbraKeys};
  for (const std::vector<std::string>* argv : baselines) {
    std::vector<std::string> verbose = *argv;
    verbose.insert(verbose.begin() + 1, "-v");
    const fs::path log = work / "findscu.log";
    const ChildRun r = runChild(verbose, "1", log.string());
    const std::string text = readFile(log);
    std::size_t n = 0;
    for (std::size_t at = 0; (at = text.find("Find Response:", at)) != std::string::npos; ++at) {
      ++n;
    }
    if (!r.ok || n != static_cast<std::size_t>(kQueryStudies)) {
      die("findscu returned " + std::to_string(n) + " matches");
    }
  }

  auto findscu = [&](const std::vector<std::string>& argv, const char* tcpNoDelay) {
    return [&, tcpNoDelay] {
      const ChildRun r = runChild(argv, tcpNoDelay);
      if (!r.ok) {
        die("findscu failed");
      }
      return r.seconds * 1000;
    };
  };
  auto inProcess = [&](const nbra::workflow::RemoteNode& node, const char* tcpNoDelay) {
    return [&, tcpNoDelay] {
      const char* setting = tcpNoDelay ? tcpNoDelay : std::getenv("TCP_NODELAY");
      const std::string kept = setting ? setting : "";
      const auto [ms, n] = withTcpNoDelay(setting ? kept.c_str() : nullptr, [&] {
        const auto start = Clock::now();
        const auto matches =
            nbra::workflow::queryNode(node, nbra::dicom::net::QueryLevel::Study, {}, 5000);
        return std::make_pair(secondsSince(start) * 1000, matches.size());
      });
      if (n != static_cast<std::size_t>(kQueryStudies)) {
        die("queryNode returned " + std::to_string(n) + " matches");
      }
      return ms;
    };
  };
  std::vector<Case> cases{
      {"findscu, key StudyInstanceUID (baseline), as shipped", findscu(briefKeys, nullptr), {}},
      {"findscu, NBRA's 13 keys, as shipped", findscu(nbraKeys, nullptr), {}},
      {"findscu, key StudyInstanceUID, TCP_NODELAY=1", findscu(briefKeys, "1"), {}},
      {"findscu, NBRA's 13 keys, TCP_NODELAY=1", findscu(nbraKeys, "1"), {}},
      {"NBRA C-FIND (queryNode), as shipped", inProcess(dimse, nullptr), {}},
      {"NBRA C-FIND (queryNode), TCP_NODELAY=0 (Nagle on)", inProcess(dimse, "0"), {}},
      {"NBRA QIDO-RS (queryNode)", inProcess(web, nullptr), {}},
      {"curl, the same QIDO-RS URL",
       [&] {
         const ChildRun r = runChild(
             {"curl", "-sf", "-o", "/dev/null", "-H", "Accept: application/dicom+json", qidoUrl},
             nullptr);
         if (!r.ok) {
           die("curl failed");
         }
         return r.seconds * 1000;
       },
       {}},
  };
  std::printf("   %d rounds + 1 warm-up\n", runs);
  runAll(cases, runs, random);
  printTable("query, 1,000 studies (median wall time, [min .. max])", cases, "ms",
             [&](const Case& c) {
               char text[40];
               std::snprintf(text, sizeof text, "x baseline %.2f", c.med() / cases[0].med());
               return std::string(text);
             });
  std::printf("\nratios (time / time, medians):\n");
  std::printf("  NBRA C-FIND as shipped / findscu (brief's key), as shipped     %.2f\n",
              cases[4].med() / cases[0].med());
  std::printf("  NBRA C-FIND as shipped / findscu (same 13 keys), as shipped    %.2f\n",
              cases[4].med() / cases[1].med());
  std::printf("  NBRA C-FIND as shipped / findscu (same 13 keys), TCP_NODELAY=1 %.2f\n",
              cases[4].med() / cases[3].med());
  std::printf("  NBRA QIDO-RS / findscu (brief's key), as shipped               %.2f\n",
              cases[6].med() / cases[0].med());
  std::printf("  NBRA QIDO-RS / curl (same URL)                                 %.2f\n",
              cases[6].med() / cases[7].med());
}

}  // namespace

int main(int argc, char** argv) try {
  int runs = 5;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) {
      only = argv[++i];
    } else {
      die("usage: nbra_net_bench [--runs N] [--only retrieve|memory|query]");
    }
  }
  // A TCP_NODELAY of the caller's would decide every case: start from none, then let NBRA set
  // its own as it does in the workstation and the CLI.
  setTcpNoDelay(nullptr);
  nbra::dicom::net::preferLowLatencyTcp();
  nbra::testing::ensureQtApplication();
  nbra::dicom::ensureDcmtkReady();
  const std::string cli = NBRA_CLI;
  for (const char* tool : {"getscu", "findscu", "curl"}) {
    if (!runChild({"sh", "-c", std::string("command -v ") + tool}, nullptr).ok) {
      die(std::string(tool) + " is not installed (Debian packages dcmtk, curl)");
    }
  }
  std::mt19937 random(20261205);
  nbra::testing::TempFolder work;
  std::printf(
      "nbra_net_bench: scratch and Orthanc storage in %s, %u cores, NBRA's TCP_NODELAY=%s, "
      "load %s",
      work.path().c_str(), std::thread::hardware_concurrency(),
      std::getenv("TCP_NODELAY") ? std::getenv("TCP_NODELAY") : "(unset)",
      readFile("/proc/loadavg").c_str());
  std::fflush(stdout);

  if (only.empty() || only == "retrieve" || only == "memory") {
    OrthancServer server;
    startOrthanc(server);
    // The same archive behind an Orthanc whose own end runs with TCP_NODELAY=1 (retrieve only).
    OrthancServer noDelayServer;
    if (only.empty() || only == "retrieve") {
      startOrthanc(noDelayServer, "1");
    }
    std::printf("writing and uploading a %d- and a %d-slice CT ...\n", kLargeSlices, kSmallSlices);
    std::fflush(stdout);
    const Study large = writeCt(work.path() / "ct300", kLargeSlices, "NBRA-BENCH-300");
    const Study small = writeCt(work.path() / "ct100", kSmallSlices, "NBRA-BENCH-100");
    const auto uploadStart = Clock::now();
    for (const Study* s : {&large, &small}) {
      std::string error;
      if (server.uploadFolder(s->folder.string(), &error) != s->slices) {
        die("upload: " + error);
      }
    }
    if (noDelayServer.running()) {
      std::string error;
      if (noDelayServer.uploadFolder(large.folder.string(), &error) != large.slices) {
        die("upload: " + error);
      }
    }
    std::printf("   REST upload: %.1f s\n", secondsSince(uploadStart));
    if (only.empty() || only == "retrieve") {
      benchRetrieve(server, noDelayServer, large, work.path(), cli, runs, random);
    }
    if (only.empty() || only == "memory") {
      benchMemory(server, small, large, work.path(), cli, runs, random);
    }
  }
  if (only.empty() || only == "query") {
    benchQuery(work.path(), 2 * runs + 1, random);
  }
  std::printf("\nload at the end: %s", readFile("/proc/loadavg").c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "nbra_net_bench: %s\n", e.what());
  return 1;
}
