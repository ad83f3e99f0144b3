// Parse rate of the trace readers on large generated files: a per-second CSV with ISO-8601
// timestamps and a Common Log Format access log. Prints MB/s and the peak resident memory after
// each reader, to show memory follows the trace (rows or intervals), not the file size.
//   usage: bench_trace_io [MB per file, default 200]
#include <autoscalesim/io/access_log.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace asim = autoscalesim;
namespace aio = autoscalesim::io;

namespace {

constexpr asim::time_ms start_ms = 1'714'557'600'000; // 2024-05-01T10:00:00Z
constexpr std::uint64_t seed = 20240501;

double peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

// Writes rows until the file reaches target_bytes; returns the size written.
template <class Row>
std::uintmax_t write_file(const std::string& path, std::uintmax_t target_bytes, Row&& row) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::string chunk;
    std::uintmax_t written = 0;
    for (std::uint64_t i = 0; written < target_bytes; ++i) {
        row(i, chunk);
        if (chunk.size() > (1u << 20)) {
            written += std::fwrite(chunk.data(), 1, chunk.size(), f);
            chunk.clear();
        }
    }
    written += std::fwrite(chunk.data(), 1, chunk.size(), f);
    std::fclose(f);
    return written;
}

template <class F> double seconds(F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
    const double mb = argc > 1 ? std::atof(argv[1]) : 200.0;
    const auto target = static_cast<std::uintmax_t>(mb * 1e6);
    const auto dir =
        std::filesystem::temp_directory_path() / ("asim_bench_trace_io_" + std::to_string(seed));
    std::filesystem::create_directories(dir);
    const std::string csv = (dir / "trace.csv").string(), log = (dir / "access.log").string();

    // CSV: one row per second, counts from a simple deterministic sequence (no randomness needed).
    std::uint64_t rows = 0;
    const auto csv_bytes = write_file(csv, target, [&](std::uint64_t i, std::string& out) {
        if (i == 0) {
            out += "timestamp,requests\n";
        }
        out += aio::format_iso8601(start_ms + static_cast<asim::time_ms>(i) * 1000);
        out += ',';
        out += std::to_string((i * 2654435761u >> 7) % 500);
        out += '\n';
        rows = i + 1;
    });
    // Access log: NASA-like lines, about 12 requests per second.
    std::uint64_t lines = 0;
    const auto log_bytes = write_file(log, target, [&](std::uint64_t i, std::string& out) {
        const std::uint64_t s = i / 12;
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "host%llu.example.com - - [%02llu/Jul/1995:%02llu:%02llu:%02llu -0400] \"GET "
                      "/shuttle/countdown/ HTTP/1.0\" 200 %llu\n",
                      static_cast<unsigned long long>(i % 997),
                      static_cast<unsigned long long>(1 + s / 86400 % 28),
                      static_cast<unsigned long long>(s / 3600 % 24),
                      static_cast<unsigned long long>(s / 60 % 60),
                      static_cast<unsigned long long>(s % 60),
                      static_cast<unsigned long long>(i % 40000));
        out += buf;
        lines = i + 1;
    });
    const double csv_mb = static_cast<double>(csv_bytes) / 1e6,
                 log_mb = static_cast<double>(log_bytes) / 1e6;
    const double rss_before = peak_rss_mb();

    std::printf("%-34s %10s %10s %10s %14s\n", "reader", "file MB", "seconds", "MB/s",
                "peak RSS MB");
    asim::trace t;
    const double csv_s = seconds([&] { t = aio::read_csv_trace(csv); });
    std::printf("%-34s %10.1f %10.3f %10.1f %14.1f\n", "read_csv_trace (ISO, 1 s rows)", csv_mb,
                csv_s, csv_mb / csv_s, peak_rss_mb());
    if (t.size() != rows) {
        std::fprintf(stderr, "csv: read %zu rows, wrote %llu\n", t.size(),
                     static_cast<unsigned long long>(rows));
        return 1;
    }
    const double trace_mb = static_cast<double>(t.size()) * sizeof(double) / 1e6;
    t = asim::trace();
    asim::trace counts;
    const double log_s = seconds([&] { counts = aio::read_access_log_counts(log, 60'000); });
    std::printf("%-34s %10.1f %10.3f %10.1f %14.1f\n", "read_access_log_counts (CLF, 60 s)", log_mb,
                log_s, log_mb / log_s, peak_rss_mb());
    if (counts.total() != static_cast<double>(lines)) {
        std::fprintf(stderr, "access log: counted %.0f, wrote %llu\n", counts.total(),
                     static_cast<unsigned long long>(lines));
        return 1;
    }
    asim::arrival_log arrivals;
    const double arr_s = seconds([&] { arrivals = aio::read_access_log(log); });
    std::printf("%-34s %10.1f %10.3f %10.1f %14.1f\n", "read_access_log (CLF, arrivals)", log_mb,
                arr_s, log_mb / arr_s, peak_rss_mb());
    std::printf(
        "\npeak RSS before reading %.1f MB; the CSV trace holds %llu rows (%.1f MB of counts), the "
        "access log %llu requests (%.1f MB as arrivals)\n",
        rss_before, static_cast<unsigned long long>(rows), trace_mb,
        static_cast<unsigned long long>(lines), static_cast<double>(lines) * 8 / 1e6);
    std::filesystem::remove_all(dir);
    return 0;
}
