import Glibc

/// A POSIX mutex: ThreadSanitizer follows its lock and unlock, where `Synchronization.Mutex` waits in the kernel out
/// of its sight (two tests making the first product team at once were reported as a race inside the lock).
final class PosixMutex: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

  init() { pthread_mutex_init(mutex, nil) }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// Runs `body` holding the mutex.
  ///
  /// - Parameter body: The work done under the lock.
  func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }
}
