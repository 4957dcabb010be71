// instance_lock.cpp: flock(2) on a file of the window's own.
#include "app/gui/platform/instance_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <utility>

namespace nnplay {

InstanceLock::InstanceLock(std::string path) : m_path(std::move(path)) {
    // O_CLOEXEC: a chooser program the window starts must not inherit, and so keep, the lock.
    m_fd = open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd >= 0 && flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        close(m_fd);
        m_fd = -1;
    }
}

InstanceLock::~InstanceLock() {
    if (m_fd >= 0) close(m_fd); // the file stays: only a clean Release() removes it
}

void InstanceLock::Release() {
    if (m_fd < 0) return;
    unlink(m_path.c_str());
    close(m_fd);
    m_fd = -1;
}

bool IsLockHeld(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool held = flock(fd, LOCK_EX | LOCK_NB) != 0;
    close(fd); // also drops the lock if we just took it
    return held;
}

} // namespace nnplay
