{{/*
The pod of one component. Every argument is dict "root" $ "name" <component> "c" <values>.
Roles: envoy | edge | service | worker | beat | operator. Values under `default:` apply to
every component; a component's own keys win.
*/}}

{{/* The container command, from the role unless the component sets one. */}}
{{- define "petful.command" -}}
{{- $c := .c -}}
{{- if $c.command -}}
{{- toJson $c.command -}}
{{- else if eq $c.role "service" -}}
{{- toJson (list "petful" "serve" .name) -}}
{{- else if eq $c.role "edge" -}}
{{- toJson (list "petful" "edge") -}}
{{- else if eq $c.role "worker" -}}
{{- toJson (list "petful" "worker") -}}
{{- else if eq $c.role "beat" -}}
{{- toJson (list "petful" "beat") -}}
{{- else if eq $c.role "envoy" -}}
{{- toJson (list "envoy" "-c" "/etc/envoy/envoy.yaml" "--disable-hot-restart" "--log-level" "info") -}}
{{- else -}}
{{- fail (printf "components.%s: role %s needs a command" .name $c.role) -}}
{{- end -}}
{{- end -}}

{{/*
Container ports {name: port}. Envoy's come from the envoy: block its config uses: the public
listener and the stats listener (its admin interface is on loopback, not a container port).
*/}}
{{- define "petful.ports" -}}
{{- if eq .c.role "envoy" -}}
{{- toJson (dict "http" (int .root.Values.envoy.port) "stats" (int .root.Values.envoy.statsPort)) -}}
{{- else -}}
{{- toJson (.c.ports | default dict) -}}
{{- end -}}
{{- end -}}

{{/* PETFUL_PORTS for the process, so the settings table and the chart agree on ports. */}}
{{- define "petful.portsEnv" -}}
{{- $ports := dict -}}
{{- $p := .c.ports | default dict -}}
{{- if eq .c.role "service" -}}
{{- $_ := set $ports (printf "grpc.%s" .name) (int $p.grpc) -}}
{{- $_ := set $ports (printf "metrics.%s" .name) (int $p.metrics) -}}
{{- else if eq .c.role "edge" -}}
{{- $_ := set $ports "edge" (int $p.http) -}}
{{- else if has .c.role (list "worker" "beat") -}}
{{- $_ := set $ports (printf "metrics.%s" .c.role) (int $p.metrics) -}}
{{- end -}}
{{- toJson $ports -}}
{{- end -}}

{{- define "petful.probes" -}}
{{- $c := .c -}}
{{- $p := $c.ports | default dict -}}
{{- $probes := dict -}}
{{- if eq $c.role "service" -}}
{{- $grpc := dict "port" (int $p.grpc) -}}
{{- $_ := set $probes "startupProbe" (dict "grpc" $grpc "periodSeconds" 2 "failureThreshold" 30) -}}
{{- $_ := set $probes "livenessProbe" (dict "grpc" $grpc "periodSeconds" 10 "timeoutSeconds" 2 "failureThreshold" 3) -}}
{{- $_ := set $probes "readinessProbe" (dict "grpc" $grpc "periodSeconds" 5 "timeoutSeconds" 2 "failureThreshold" 2) -}}
{{- else if eq $c.role "edge" -}}
{{- $live := dict "path" "/api/v1/health/live" "port" "http" -}}
{{- $ready := dict "path" ($c.readinessPath | default "/api/v1/health/live") "port" "http" -}}
{{- $_ := set $probes "startupProbe" (dict "httpGet" $live "periodSeconds" 2 "failureThreshold" 30) -}}
{{- $_ := set $probes "livenessProbe" (dict "httpGet" $live "periodSeconds" 10 "timeoutSeconds" 2 "failureThreshold" 3) -}}
{{- $_ := set $probes "readinessProbe" (dict "httpGet" $ready "periodSeconds" 5 "timeoutSeconds" 2 "failureThreshold" 2) -}}
{{- else if has $c.role (list "worker" "beat") -}}
{{- $metrics := dict "path" "/metrics" "port" "metrics" -}}
{{- $_ := set $probes "startupProbe" (dict "httpGet" $metrics "periodSeconds" 2 "failureThreshold" 60) -}}
{{- $_ := set $probes "livenessProbe" (dict "httpGet" $metrics "periodSeconds" 20 "timeoutSeconds" 5 "failureThreshold" 3) -}}
{{- else if eq $c.role "operator" -}}
{{- $health := dict "path" "/healthz" "port" "health" -}}
{{- $_ := set $probes "livenessProbe" (dict "httpGet" $health "initialDelaySeconds" 10 "periodSeconds" 15 "timeoutSeconds" 5 "failureThreshold" 3) -}}
{{- else if eq $c.role "envoy" -}}
{{- $ready := dict "path" "/ready" "port" "stats" -}}
{{- $_ := set $probes "livenessProbe" (dict "httpGet" $ready "periodSeconds" 10 "timeoutSeconds" 2 "failureThreshold" 3) -}}
{{- $_ := set $probes "readinessProbe" (dict "httpGet" $ready "periodSeconds" 5 "timeoutSeconds" 2 "failureThreshold" 2) -}}
{{- end -}}
{{- range $key := list "startupProbe" "livenessProbe" "readinessProbe" -}}
{{- if hasKey $c $key -}}
{{- $_ := set $probes $key (get $c $key) -}}
{{- end -}}
{{- end -}}
{{- toJson $probes -}}
{{- end -}}

{{- define "petful.env" -}}
{{- $root := .root -}}
{{- $c := .c -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- if ne $c.role "envoy" }}
- name: OTEL_SERVICE_NAME
  value: {{ printf "petful-%s" .name | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "service.namespace=petful,service.version=%s,deployment.environment=%s,k8s.namespace.name=$(POD_NAMESPACE),k8s.pod.name=$(POD_NAME)%s" $root.Chart.AppVersion $root.Values.config.env (ternary (printf ",%s" $root.Values.otel.resourceAttributes) "" (ne $root.Values.otel.resourceAttributes "")) | quote }}
- name: PETFUL_PORTS
  value: {{ include "petful.portsEnv" . | quote }}
{{- if eq $c.role "edge" }}
{{- /* The edge believes X-Forwarded-For from Envoy, which overwrites it with the one client
address it decided on. "*" is safe only while the NetworkPolicy admits no one else. */}}
{{- $proxies := $root.Values.envoy.podAddresses | default (ternary "*" "" $root.Values.networkPolicy.enabled) }}
{{- with $proxies }}
- name: PETFUL_FORWARDED_ALLOW_IPS
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- if and (eq $c.role "operator") ($c.ports | default dict).metrics }}
- name: PETFUL_OPERATOR_METRICS_PORT
  value: {{ $c.ports.metrics | quote }}
{{- end }}
{{- /* Every petful process signs the gRPC calls it makes and verifies those it serves. */}}
- name: PETFUL_INTERNAL_TOKEN_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ include "petful.internalTokenSecretName" $root }}
      key: {{ $root.Values.internalToken.existingSecretKey | default "internal-token-keys" }}
{{- include "petful.secretEnv" (dict "root" $root "groups" ($c.secrets | default list)) }}
{{- if $c.jwtKeys }}
- name: PETFUL_IDENTITY__JWT_PRIVATE_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ include "petful.jwtSecretName" $root }}
      key: {{ $root.Values.jwt.existingSecretKey | default "jwt-private-keys" }}
{{- end }}
{{- if $c.vapidKey }}
- name: PETFUL_NOTIFICATIONS__VAPID_PRIVATE_KEY_FILE
  value: {{ include "petful.vapidKeyPath" $root | quote }}
{{- end }}
{{- with $root.Values.default.env }}
{{ toYaml . }}
{{- end }}
{{- end }}
{{- with $c.env }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* envFrom of every petful process (not Envoy): the settings, none of them secret. */}}
{{- define "petful.envFrom" -}}
- configMapRef:
    name: {{ include "petful.configMapName" . }}
{{- end -}}

{{/*
The keys of the <release>-env Secret (or secrets.existingSecret) a process gets, one
secretKeyRef each, for the groups it lists: a process never holds a credential it does
not use. Keys a release may leave out (S3 keys under workload identity, Instagram without
an app) are optional. Args: dict "root" $ "groups" <list>.
*/}}
{{- define "petful.secretEnv" -}}
{{- $root := .root -}}
{{- $keys := list -}}
{{- if has "database" .groups }}{{ $keys = append $keys (list "PETFUL_DATABASE_URL" false) }}{{ end -}}
{{- if has "redis" .groups }}{{ $keys = append $keys (list "PETFUL_REDIS_URL" false) }}{{ end -}}
{{- if and (has "media" .groups) (eq $root.Values.media.backend "s3") -}}
{{- $keys = append $keys (list "PETFUL_MEDIA__S3_ACCESS_KEY_ID" true) -}}
{{- $keys = append $keys (list "PETFUL_MEDIA__S3_SECRET_ACCESS_KEY" true) -}}
{{- end -}}
{{- if has "sns" .groups -}}
{{- range $key := list "PETFUL_SNS__APP_ID" "PETFUL_SNS__APP_SECRET" "PETFUL_SNS__TOKEN_KEYS" -}}
{{- $keys = append $keys (list $key true) -}}
{{- end -}}
{{- end -}}
{{- range $keys }}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ include "petful.envSecretName" $root }}
      key: {{ index . 0 }}
      {{- if index . 1 }}
      optional: true
      {{- end }}
{{- end }}
{{- end -}}

{{/* Where a component with vapidKey finds the web push VAPID key (a Secret volume). */}}
{{- define "petful.vapidKeyPath" -}}
/etc/petful/vapid/vapid-private-key.pem
{{- end -}}

{{/* Volumes for a writable /tmp (data_dir) and local media. Args: root context. */}}
{{- define "petful.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.default.tmpSizeLimit }}
{{- if eq .Values.media.backend "local" }}
- name: media
{{- if .Values.media.local.existingClaim }}
  persistentVolumeClaim:
    claimName: {{ .Values.media.local.existingClaim }}
{{- else }}
  emptyDir: {}
{{- end }}
{{- end }}
{{- end -}}

{{- define "petful.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if eq .Values.media.backend "local" }}
- name: media
  mountPath: {{ .Values.media.local.path }}
{{- end }}
{{- end -}}

{{- define "petful.podTemplate" -}}
{{- $root := .root -}}
{{- $d := $root.Values.default -}}
{{- $c := .c -}}
{{- $isEnvoy := eq $c.role "envoy" -}}
{{- $ports := include "petful.ports" . | fromJson -}}
metadata:
  labels:
    {{- include "petful.componentSelectorLabels" (dict "root" $root "name" .name) | nindent 4 }}
    app.kubernetes.io/part-of: petful
    petful.io/role: {{ $c.role }}
    {{- with (mergeOverwrite (deepCopy ($d.podLabels | default dict)) ($c.podLabels | default dict)) }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    {{- if $isEnvoy }}
    checksum/envoy-config: {{ include (print $root.Template.BasePath "/envoy-config.yaml") $root | sha256sum }}
    {{- else }}
    checksum/config: {{ include (print $root.Template.BasePath "/config.yaml") $root | sha256sum }}
    {{- end }}
    {{- $metricsPort := "" }}
    {{- if hasKey $ports "metrics" }}{{ $metricsPort = "metrics" }}{{ else if eq $c.role "edge" }}{{ $metricsPort = "http" }}{{ end }}
    {{- if $metricsPort }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ get $ports $metricsPort | quote }}
    prometheus.io/path: /metrics
    {{- end }}
    {{- with (mergeOverwrite (deepCopy ($d.podAnnotations | default dict)) ($c.podAnnotations | default dict)) }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "petful.componentName" (dict "root" $root "name" .name) }}
  automountServiceAccountToken: {{ eq $c.role "operator" }}
  enableServiceLinks: false
  terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds | default $d.terminationGracePeriodSeconds }}
  securityContext:
    {{- toYaml $d.podSecurityContext | nindent 4 }}
  {{- with $d.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with ($c.nodeSelector | default $d.nodeSelector) }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with ($c.tolerations | default $d.tolerations) }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with ($c.affinity | default $d.affinity) }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with ($c.topologySpreadConstraints | default $d.topologySpreadConstraints) }}
  topologySpreadConstraints:
    {{- tpl (toYaml .) $root | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ .name }}
      image: {{ include "petful.image" (dict "root" $root "image" $c.image) }}
      imagePullPolicy: {{ ($c.image | default dict).pullPolicy | default $d.image.pullPolicy }}
      command:
        {{- include "petful.command" . | fromJsonArray | toYaml | nindent 8 }}
      {{- $args := $c.args | default list }}
      {{- if and (eq $c.role "operator") (not $args) }}
      {{- /* What the operator watches follows its RBAC (operator-rbac.yaml). */}}
      {{- if $c.watchNamespaces }}
      {{- range $ns := $c.watchNamespaces }}
      {{- $args = append $args (printf "--namespace=%s" $ns) }}
      {{- end }}
      {{- else }}
      {{- $args = list "--all-namespaces" }}
      {{- end }}
      {{- end }}
      {{- with $args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $ports }}
      ports:
        {{- range $name, $port := $ports }}
        - name: {{ $name }}
          containerPort: {{ $port }}
          protocol: TCP
        {{- end }}
      {{- end }}
      env:
        {{- include "petful.env" . | nindent 8 }}
      {{- if not $isEnvoy }}
      envFrom:
        {{- include "petful.envFrom" $root | nindent 8 }}
      {{- end }}
      {{- range $key, $probe := (include "petful.probes" . | fromJson) }}
      {{ $key }}:
        {{- toYaml $probe | nindent 8 }}
      {{- end }}
      resources:
        {{- toYaml ($c.resources | default $d.resources) | nindent 8 }}
      securityContext:
        {{- toYaml $d.securityContext | nindent 8 }}
      volumeMounts:
        {{- if $isEnvoy }}
        - name: envoy-config
          mountPath: /etc/envoy
          readOnly: true
        - name: tmp
          mountPath: /tmp
        {{- else }}
        {{- include "petful.volumeMounts" $root | nindent 8 }}
        {{- end }}
        {{- if $c.vapidKey }}
        - name: vapid
          mountPath: {{ include "petful.vapidKeyPath" $root | dir }}
          readOnly: true
        {{- end }}
  volumes:
    {{- if $isEnvoy }}
    - name: envoy-config
      configMap:
        name: {{ printf "%s-envoy" (include "petful.fullname" $root) }}
    - name: tmp
      emptyDir:
        sizeLimit: {{ $d.tmpSizeLimit }}
    {{- else }}
    {{- include "petful.volumes" $root | nindent 4 }}
    {{- end }}
    {{- if $c.vapidKey }}
    - name: vapid
      secret:
        secretName: {{ include "petful.vapidSecretName" $root }}
        # 0440: the pod's fsGroup reads it, nothing writes it.
        defaultMode: 288
        items:
          - key: {{ $root.Values.vapid.existingSecretKey | default "vapid-private-key.pem" }}
            path: {{ include "petful.vapidKeyPath" $root | base }}
    {{- end }}
{{- end -}}
