#pragma once

// The device scan of the plugin (devicescan.cpp holds the LibTorch code).

#include "plugin/torchbackend.h"

namespace curator::torchplugin {

Result<std::unique_ptr<DeviceScan>> createTorchDeviceScan(const std::vector<const EmbeddingMatrix*>& segments,
                                                          ScanDevice device);

} // namespace curator::torchplugin
