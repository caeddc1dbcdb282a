#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# bench/corpus.sh N [valid|bare] [YEARS] — N synthetic records on stdout, deterministic.
# Bodies are about 2 KB of mixed simplified and traditional Chinese.
#   valid (default): every record passes go-check-reason (no policy kinds, so no
#         interpretation is needed; published on its date; no personal information)
#   bare: attribute, category, reason and basis left out, for go-classify
# YEARS (default 1): dates spread over that many years ending in 2026.
n=${1:?usage: corpus.sh N [valid|bare] [YEARS]}
mode=${2:-valid}
years=${3:-1}
LC_ALL=C exec awk -v n="$n" -v mode="$mode" -v years="$years" 'BEGIN {
	split("办公室 政策法规科 行政审批科 公共法律服务科 政治处 法治督察科", office, " ")
	split("notice report guide license penalty response", kind, " ")
	split("execution result service management management execution", cat, " ")
	split("为深入贯彻落实政府信息公开条例，进一步深化政务公开工作。|爲深入貫徹落實政府信息公開條例，進一步深化政務公開工作。|扎实推进决策、执行、管理、服务、结果五公开。|紮實推進決策、執行、管理、服務、結果五公開。|加强政策解读、回应社会关切、扩大公众参与。|加強政策解讀、回應社會關切、擴大公眾參與。|全面提升政务公开工作水平，切实满足社会对政府信息的需求。|提高司法行政機關的公信力和透明度，結合我市工作實際。", sent, "|")
	srand(42)
	for (i = 1; i <= n; i++) {
		k = 1 + (i % 6)
		m = 1 + int(rand() * 12); d = 1 + int(rand() * 28)
		date = sprintf("%d-%02d-%02d", 2026 - i % years, m, d)
		body = ""
		while (length(body) < 2000)   # bytes, under LC_ALL=C
			body = body sent[1 + int(rand() * 8)]
		printf "{\"id\":\"BENCH-2026-%06d\",\"title\":\"关于第%d号事项的%s\",\"office\":\"%s\",\"kind\":\"%s\",\"date\":\"%s\"", i, i, (k % 2 ? "通知" : "報告"), office[1 + i % 6], kind[k], date
		if (mode != "bare") {
			if (i % 10 == 0)
				printf ",\"attribute\":\"withheld\",\"reason\":\"属于内部工作流程信息\",\"basis\":[\"ogi-16-internal\"]"
			else
				printf ",\"attribute\":\"proactive\",\"category\":\"%s\"", cat[k]
			printf ",\"published\":\"%s%s\"", date, kind[k] == "response" ? "T10:00+08:00" : ""
			if (kind[k] == "response")   # 回应关切: who answers, and the concern answered
				printf ",\"offices\":[\"%s\"],\"form\":\"statement\",\"concern\":{\"first_seen\":\"%sT09:00+08:00\",\"level\":\"ordinary\",\"summary\":\"网民反映的问题\",\"source\":\"网络\"}", office[1 + i % 6], date
		}
		printf ",\"body\":\"%s\"}\n", body
	}
}'
