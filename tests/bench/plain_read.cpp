// The floor of a whole-process search (docs/benchmarks.md): a process that reads a file once with two
// threads and exits, summing the 64-bit words. Linked with nothing but the C++ runtime, so its start-up
// is the least a program can pay. By default each thread pread()s its half in 1 MiB pieces; with --mmap
// the file is mapped (MAP_POPULATE) and each thread sums its half of the mapping.
// Usage: plain_read [--mmap] FILE [threads]
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    const bool mapped = argc > 1 && std::strcmp(argv[1], "--mmap") == 0;
    if (mapped) {
        --argc;
        ++argv;
    }
    if (argc < 2) {
        std::fprintf(stderr, "usage: plain_read [--mmap] FILE [threads]\n");
        return 2;
    }
    const unsigned threads = argc > 2 ? static_cast<unsigned>(std::max(1, std::atoi(argv[2]))) : 2;
    const int fd = ::open(argv[1], O_RDONLY | O_CLOEXEC);
    struct stat info {};
    if (fd < 0 || ::fstat(fd, &info) != 0) {
        std::fprintf(stderr, "%s: cannot open: %s\n", argv[1], std::strerror(errno));
        return 1;
    }
    const size_t bytes = static_cast<size_t>(info.st_size);
    constexpr size_t kPiece = 1 << 20;
    std::vector<uint64_t> sums(threads, 0);
    const void* map = mapped ? ::mmap(nullptr, bytes, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0) : nullptr;
    if (map == MAP_FAILED) {
        std::fprintf(stderr, "%s: cannot map: %s\n", argv[1], std::strerror(errno));
        return 1;
    }
    auto sumMapped = [&](unsigned t) {
        const auto* words = static_cast<const uint64_t*>(map);
        const size_t count = bytes / sizeof(uint64_t);
        uint64_t sum = 0;
        for (size_t i = count * t / threads; i < count * (t + 1) / threads; ++i) {
            sum += words[i];
        }
        sums[t] = sum;
    };
    auto readPieces = [&](unsigned t) {
        std::vector<uint64_t> buffer(kPiece / sizeof(uint64_t));
        const size_t begin = bytes / threads * t / kPiece * kPiece;
        const size_t end = t + 1 == threads ? bytes : bytes / threads * (t + 1) / kPiece * kPiece;
        uint64_t sum = 0;
        for (size_t offset = begin; offset < end; offset += kPiece) {
            const ssize_t got =
                ::pread(fd, buffer.data(), std::min(kPiece, end - offset), static_cast<off_t>(offset));
            if (got <= 0) {
                break;
            }
            for (size_t i = 0; i < static_cast<size_t>(got) / sizeof(uint64_t); ++i) {
                sum += buffer[i];
            }
        }
        sums[t] = sum;
    };
    auto work = [&](unsigned t) { mapped ? sumMapped(t) : readPieces(t); };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) {
        pool.emplace_back(work, t);
    }
    work(0);
    for (auto& thread : pool) {
        thread.join();
    }
    uint64_t total = 0;
    for (uint64_t sum : sums) {
        total += sum;
    }
    std::printf("%s: %zu bytes, checksum %llx\n", argv[1], bytes, static_cast<unsigned long long>(total));
    return 0;
}
