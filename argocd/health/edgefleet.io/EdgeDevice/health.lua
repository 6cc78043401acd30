-- Argo CD health check for edgefleet.io/EdgeDevice.
-- Compares the configuration the operator decided (status.desiredVersion) with what the device's agent
-- reports (status.reported.lastDesiredVersion / lastDesiredStatus). Lua 5.1, no library beyond string.
local hs = {}

local codeMeanings = {
  [200] = "applied",
  [400] = "invalid configuration",
  [406] = "device offline or not reporting",
  [412] = "unsupported schema version",
  [417] = "empty configuration",
  [500] = "failure on the device"
}

local function number(value)
  local n = tonumber(value)
  if n == nil then
    return 0
  end
  return n
end

local function findCondition(status, conditionType)
  if status.conditions == nil then
    return nil
  end
  for _, condition in ipairs(status.conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to process the device"
  return hs
end

local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
if status.observedGeneration == nil or (generation ~= nil and number(status.observedGeneration) < number(generation)) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to process generation " .. tostring(generation)
  return hs
end

local ready = findCondition(status, "Ready")
if ready ~= nil and ready.reason == "WaitingForRollout" then
  hs.status = "Progressing"
  hs.message = "WaitingForRollout: " .. (ready.message or "waiting for a rollout to admit the device")
  return hs
end
if ready ~= nil and ready.status == "False" then
  hs.status = "Degraded"
  hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "the device's configuration is not ready")
  return hs
end

if status.managed == false then
  hs.status = "Healthy"
  hs.message = "No valid standard deployment targets the device: it keeps its last configuration"
  if status.desiredVersion ~= nil then
    hs.message = hs.message .. " (version " .. tostring(status.desiredVersion) .. ")"
  end
  return hs
end

if ready ~= nil and ready.status ~= "True" then
  hs.status = "Progressing"
  hs.message = "Ready is " .. tostring(ready.status)
  if ready.message ~= nil and ready.message ~= "" then
    hs.message = hs.message .. ": " .. ready.message
  end
  return hs
end

local desired = status.desiredVersion
if desired == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to write the device's configuration"
  return hs
end
desired = tostring(desired)

local reported = status.reported
if reported == nil or reported.lastDesiredVersion == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the device agent to report version " .. desired
  return hs
end
if tostring(reported.lastDesiredVersion) ~= desired then
  hs.status = "Progressing"
  hs.message = "Waiting for the device agent to report version " .. desired .. " (last reported "
    .. tostring(reported.lastDesiredVersion) .. ")"
  return hs
end

local code = nil
local description = nil
if reported.lastDesiredStatus ~= nil then
  code = tonumber(reported.lastDesiredStatus.code)
  description = reported.lastDesiredStatus.description
end
if code == nil then
  hs.status = "Progressing"
  hs.message = "The device agent reported version " .. desired .. " without a status code"
  return hs
end
if description == nil or description == "" then
  description = codeMeanings[code] or "no description"
end

if code == 200 then
  hs.status = "Healthy"
  hs.message = "The device agent applied version " .. desired
  return hs
end

hs.status = "Degraded"
hs.message = "The device agent reported " .. code .. " for version " .. desired .. ": " .. tostring(description)
return hs
