{{/* Chart name, overridable. */}}
{{- define "edgefleet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: prefix of every object name. */}}
{{- define "edgefleet.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart label value. */}}
{{- define "edgefleet.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the operator pods; never change them after install (Deployment selectors are immutable). */}}
{{- define "edgefleet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "edgefleet.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Standard labels on every object of the chart. */}}
{{- define "edgefleet.labels" -}}
helm.sh/chart: {{ include "edgefleet.chart" . }}
{{ include "edgefleet.selectorLabels" . }}
app.kubernetes.io/version: {{ include "edgefleet.imageTag" . | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: edgefleet
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Image tag: the value, or the chart's appVersion. */}}
{{- define "edgefleet.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/* The operator's ServiceAccount name. */}}
{{- define "edgefleet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "edgefleet.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Whether leader election is on: "true" or "false".
auto: on when more than one replica. false with more than one replica is refused: two active
operators would write the same ConfigMaps.
*/}}
{{- define "edgefleet.leaderElection" -}}
{{- $mode := .Values.leaderElection.enabled }}
{{- if eq (toString $mode) "auto" }}
{{- if gt (int .Values.replicaCount) 1 }}true{{ else }}false{{ end }}
{{- else if eq (toString $mode) "true" }}true
{{- else }}
{{- if gt (int .Values.replicaCount) 1 }}
{{- fail "leaderElection.enabled=false needs replicaCount 1: several replicas without leader election would all write the same objects" }}
{{- end }}false
{{- end }}
{{- end }}

{{/* Namespace of the leader election Lease. */}}
{{- define "edgefleet.leaseNamespace" -}}
{{- default .Release.Namespace .Values.leaderElection.namespace }}
{{- end }}

{{/*
RBAC rules: exactly the API calls the operator makes on the watched namespaces.
One list, used by the ClusterRole (all namespaces) and by each per-namespace Role (watchNamespaces).
Keep it in step with the operator's code.
*/}}
{{- define "edgefleet.rbacRules" -}}
- apiGroups: ["edgefleet.io"]
  resources: ["edgedevices", "edgedeployments"]
  verbs: ["list", "watch"]
- apiGroups: ["edgefleet.io"]
  resources: ["edgedevices/status", "edgedeployments/status"]
  verbs: ["patch"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
- apiGroups: ["apps"]
  resources: ["controllerrevisions"]
  verbs: ["list", "create", "patch", "delete"]
{{- end }}

{{/* RBAC rules for leader election, granted only in the Lease namespace. */}}
{{- define "edgefleet.leaderElectionRules" -}}
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "create", "update", "patch"]
{{- end }}

{{/*
Whether the admission webhook's certificate comes from cert-manager: "true" or "false".
auto: when the cluster serves cert-manager.io/v1.
*/}}
{{- define "edgefleet.webhookCertManager" -}}
{{- $mode := toString .Values.webhook.certManager.enabled -}}
{{- if eq $mode "auto" -}}
{{- if .Capabilities.APIVersions.Has "cert-manager.io/v1" }}true{{ else }}false{{ end -}}
{{- else -}}
{{- $mode -}}
{{- end -}}
{{- end -}}
