import Foundation
import Testing
import TestSupport

@Suite("skein CLI: root, --version, doctor")
struct DoctorCommandTests {
    @Test("--help lists the commands and --version prints version and commit")
    func helpAndVersion() throws {
        let help = try CommandRunner.skein(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("doctor"))
        let version = try CommandRunner.skein(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("0.1.0 (commit "))
    }

    @Test("doctor --json prints one valid JSON object with the documented keys, and all checks pass")
    func doctorJSON() throws {
        let result = try CommandRunner.skein(["doctor", "--json", "--threads", "1"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["skein", "compiler", "blas", "compute_threads", "machine", "checks", "ok"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        let blas = try #require(object["blas"] as? [String: Any])
        #expect(blas["library"] as? String == "OpenBLAS")
        #expect(blas["threads"] as? Int == 1, "--threads 1 must reach OpenBLAS")
        let skein = try #require(object["skein"] as? [String: Any])
        let commit = try #require(skein["commit"] as? String)
        #expect(commit == "unknown" || commit.count == 40)
        let machine = try #require(object["machine"] as? [String: Any])
        #expect((machine["logical_cores"] as? Int ?? 0) >= 1)
        #expect(object["ok"] as? Bool == true)
        #expect((object["checks"] as? [Any])?.count ?? 0 >= 5)
    }

    @Test("doctor text output names the BLAS, CPU and the checks")
    func doctorText() throws {
        let result = try CommandRunner.skein(["doctor"])
        #expect(result.status == 0)
        for fragment in ["blas      OpenBLAS", "cpu ", "os ", "checks passed"] {
            #expect(result.stdout.contains(fragment), "missing \(fragment)")
        }
    }

    @Test("bad arguments exit non-zero with a message naming the problem")
    func badArguments() throws {
        let zero = try CommandRunner.skein(["doctor", "--threads", "0"])
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("--threads must be at least 1"))
        let unknown = try CommandRunner.skein(["frobnicate"])
        #expect(unknown.status != 0)
    }
}
