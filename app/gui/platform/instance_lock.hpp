// instance_lock.hpp: a lock file a window holds for as long as its process lives. The kernel
// releases it when the process dies (kill -9 included, before its parent reaps it), so "is that
// window still running?" is answered by the lock, not by whether a pid exists.
#pragma once
#include <string>

namespace nnplay {

class InstanceLock {
  public:
    // Creates `path` if needed and locks it (flock, exclusive); Held() says whether that worked.
    explicit InstanceLock(std::string path);
    ~InstanceLock();
    InstanceLock(const InstanceLock&) = delete;
    InstanceLock& operator=(const InstanceLock&) = delete;
    bool Held() const { return m_fd >= 0; }
    // Unlocks and deletes the file (a window that closed normally).
    void Release();

  private:
    std::string m_path;
    int m_fd = -1;
};

// True while a living process holds the lock at `path`; false when the file is absent or its
// holder is gone.
bool IsLockHeld(const std::string& path);

} // namespace nnplay
