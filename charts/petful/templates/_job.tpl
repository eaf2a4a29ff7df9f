{{/* Pod spec shared by the hook Jobs. Args: dict "root" $ "name" <job> "command" <list> "env" <yaml string> "envFrom" <yaml string>. */}}
{{- define "petful.jobPod" -}}
{{- $root := .root -}}
{{- $d := $root.Values.default -}}
metadata:
  labels:
    {{- include "petful.componentSelectorLabels" (dict "root" $root "name" .name) | nindent 4 }}
    app.kubernetes.io/part-of: petful
    petful.io/role: job
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  enableServiceLinks: false
  securityContext:
    {{- toYaml $d.podSecurityContext | nindent 4 }}
  {{- with $d.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ .name }}
      image: {{ include "petful.image" (dict "root" $root "image" nil) }}
      imagePullPolicy: {{ $d.image.pullPolicy }}
      command:
        {{- toYaml .command | nindent 8 }}
      env:
        - name: OTEL_SERVICE_NAME
          value: {{ printf "petful-%s" .name | quote }}
        {{- with .env }}
        {{- . | nindent 8 }}
        {{- end }}
      {{- with .envFrom }}
      envFrom:
        {{- . | nindent 8 }}
      {{- end }}
      resources:
        {{- toYaml $root.Values.jobs.resources | nindent 8 }}
      securityContext:
        {{- toYaml $d.securityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $d.tmpSizeLimit }}
{{- end -}}
