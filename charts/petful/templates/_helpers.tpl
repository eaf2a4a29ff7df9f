{{/* Names, labels and the shared config of every PetFul process. */}}

{{- define "petful.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "petful.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "petful.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of a component's objects: <fullname>-<component>. Args: dict "root" $ "name" "edge". */}}
{{- define "petful.componentName" -}}
{{- printf "%s-%s" (include "petful.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "petful.selectorLabels" -}}
app.kubernetes.io/name: {{ include "petful.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "petful.labels" -}}
helm.sh/chart: {{ include "petful.chart" . }}
{{ include "petful.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: petful
{{- end -}}

{{/* Args: dict "root" $ "name" "edge". */}}
{{- define "petful.componentSelectorLabels" -}}
{{ include "petful.selectorLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "petful.componentLabels" -}}
{{ include "petful.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* The petful image ("repository:tag"; tag defaults to the chart's appVersion). Args: dict "root" $ "image" <override or nil>. */}}
{{- define "petful.image" -}}
{{- $image := mergeOverwrite (deepCopy .root.Values.default.image) (.image | default dict) -}}
{{- $tag := $image.tag | default .root.Chart.AppVersion | toString -}}
{{- if hasPrefix "sha256:" $tag -}}
{{- printf "%s@%s" $image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "petful.configMapName" -}}
{{- printf "%s-config" (include "petful.fullname" .) -}}
{{- end -}}

{{/* Secret with PETFUL_DATABASE_URL, PETFUL_REDIS_URL and the S3 keys. */}}
{{- define "petful.envSecretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-env" (include "petful.fullname" .)) -}}
{{- end -}}

{{- define "petful.jwtSecretName" -}}
{{- .Values.jwt.existingSecret | default (printf "%s-jwt" (include "petful.fullname" .)) -}}
{{- end -}}

{{- define "petful.internalTokenSecretName" -}}
{{- .Values.internalToken.existingSecret | default (printf "%s-internal-token" (include "petful.fullname" .)) -}}
{{- end -}}

{{- define "petful.vapidSecretName" -}}
{{- .Values.vapid.existingSecret | default (printf "%s-vapid" (include "petful.fullname" .)) -}}
{{- end -}}

{{- define "petful.bootstrapSecretName" -}}
{{- .Values.bootstrapAdmin.existingSecret | default (printf "%s-bootstrap-admin" (include "petful.fullname" .)) -}}
{{- end -}}

{{/* Enabled domain services (role "service"), sorted by name. */}}
{{- define "petful.domainServices" -}}
{{- $out := list -}}
{{- range $name, $c := .Values.components -}}
{{- if and $c.enabled (eq $c.role "service") -}}
{{- $out = append $out $name -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* PETFUL_SERVICE_TARGETS: {"identity": "<fullname>-identity.<ns>.svc.<domain>:50051", ...}. */}}
{{- define "petful.serviceTargets" -}}
{{- $root := . -}}
{{- $targets := dict -}}
{{- range $name, $c := .Values.components -}}
{{- if and $c.enabled (eq $c.role "service") -}}
{{- $host := printf "%s.%s.svc.%s" (include "petful.componentName" (dict "root" $root "name" $name)) $root.Release.Namespace $root.Values.clusterDomain -}}
{{- $_ := set $targets $name (printf "%s:%v" $host $c.ports.grpc) -}}
{{- end -}}
{{- end -}}
{{- toJson $targets -}}
{{- end -}}

{{/* Components (any role) allowed to call the domain services over gRPC. */}}
{{- define "petful.grpcClients" -}}
{{- $out := list -}}
{{- range $name, $c := .Values.components -}}
{{- if and $c.enabled (has $c.role (list "edge" "operator" "worker" "beat" "service")) -}}
{{- $out = append $out $name -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* The edge component's name and HTTP port (Envoy's upstream). */}}
{{- define "petful.edgeComponent" -}}
{{- $found := "" -}}
{{- range $name, $c := .Values.components -}}
{{- if and $c.enabled (eq $c.role "edge") (not $found) -}}
{{- $found = $name -}}
{{- end -}}
{{- end -}}
{{- $found -}}
{{- end -}}
