#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace nbra::dicom::net {

class InstanceSink;

// NBRA's own storage SCP, the destination of a C-MOVE: it listens on one port on its own thread,
// accepts the storage SOP classes a retrieve may bring (retrievableSopClasses) and verification,
// and hands every instance to the sink, which writes it to disk as it arrives. Stops within
// about a second of stop().
class StorageScp {
 public:
  StorageScp(std::string aeTitle, std::uint16_t port, InstanceSink& sink);
  ~StorageScp();
  StorageScp(const StorageScp&) = delete;
  StorageScp& operator=(const StorageScp&) = delete;

  // Opens the port and starts listening; throws NetworkError when the port cannot be opened.
  void start();
  void stop();

  const std::string& aeTitle() const { return aeTitle_; }
  std::uint16_t port() const { return port_; }
  std::size_t received() const { return received_.load(); }

 private:
  class Scp;
  std::string aeTitle_;
  std::uint16_t port_;
  InstanceSink& sink_;
  std::unique_ptr<Scp> scp_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> received_{0};
};

}  // namespace nbra::dicom::net
