-- Argo CD health check for edgefleet.io/EdgeDeployment.
-- Reads only the status the EdgeFleet operator writes: counts of targeted / applied / reporting
-- devices, observedGeneration, the Ready condition and the rollout's Progressing condition.
-- Lua 5.1, no library beyond string and table.
local hs = {}

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
  hs.message = "Waiting for the operator to process the deployment"
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
if ready ~= nil and ready.status == "False" then
  hs.status = "Degraded"
  hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "the deployment is not valid")
  return hs
end

-- A rollout (docs/rollouts.md): halted is Degraded, paused is Suspended, waves running are
-- Progressing; a complete rollout is judged by the counts below.
local progressing = findCondition(status, "Progressing")
if progressing ~= nil then
  if progressing.reason == "RolloutHalted" then
    hs.status = "Degraded"
    hs.message = "RolloutHalted: " .. (progressing.message or "the rollout halted")
    return hs
  end
  if progressing.reason == "RolloutPaused" then
    hs.status = "Suspended"
    hs.message = "RolloutPaused: " .. (progressing.message or "the rollout is paused")
    return hs
  end
  if progressing.reason == "RolloutProgressing" then
    hs.status = "Progressing"
    hs.message = progressing.message or "the rollout admits devices in waves"
    return hs
  end
end

local targeted = number(status.targetedCount)
local applied = number(status.appliedCount)
local succeeded = number(status.reportedSuccessfulCount)
local failed = number(status.reportedFailedCount)

if failed > 0 then
  hs.status = "Degraded"
  hs.message = failed .. " of " .. applied .. " applied devices report a failure for the current configuration ("
    .. succeeded .. " report success, " .. targeted .. " targeted)"
  return hs
end

if ready == nil or ready.status ~= "True" then
  hs.status = "Progressing"
  if ready == nil then
    hs.message = "Waiting for the Ready condition"
  else
    hs.message = "Ready is " .. tostring(ready.status)
    if ready.message ~= nil and ready.message ~= "" then
      hs.message = hs.message .. ": " .. ready.message
    end
  end
  return hs
end

if succeeded < applied then
  hs.status = "Progressing"
  hs.message = succeeded .. "/" .. applied .. " devices applied and reporting success; waiting for "
    .. (applied - succeeded) .. " more to report the current configuration (" .. targeted .. " targeted)"
  return hs
end

-- Devices that the deployment targets but does not apply are a steady state, not progress: a
-- higher-priority standard deployment wins there, or a layer is at or below the base priority, or the
-- device has no base (each EdgeDevice's status.deployments says why).
hs.status = "Healthy"
if targeted == 0 then
  hs.message = "No device matches the target condition"
elseif applied < targeted then
  hs.message = succeeded .. "/" .. applied .. " devices applied and reporting success; " .. (targeted - applied)
    .. " of " .. targeted .. " targeted devices do not apply it (see their status.deployments)"
else
  hs.message = succeeded .. "/" .. applied .. " devices applied and reporting success"
end
if status.warnings ~= nil and #status.warnings > 0 then
  local noun = " warning: "
  if #status.warnings > 1 then
    noun = " warnings, first: "
  end
  hs.message = hs.message .. "; " .. #status.warnings .. noun .. tostring(status.warnings[1])
end
return hs
