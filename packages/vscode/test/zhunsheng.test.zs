# SYNTAX TEST "source.zhunsheng" "准绳的句子"
评价体系 示例体系
# <---- keyword.control.section.zhunsheng
  地区：湖南省 # 注释
# ^^ keyword.other.header.zhunsheng
#    ^^^ string.unquoted.text.zhunsheng
#        ^^^^ comment.line.number-sign.zhunsheng
  满分：100分
# ^^ keyword.other.header.zhunsheng
#    ^^^ constant.numeric.zhunsheng
#       ^ keyword.other.unit.zhunsheng
输入
# <-- keyword.control.section.zhunsheng
  服务企业家次：计数 家次 越多越好 「平台“参与企业数量”」
#        ^^ storage.type.zhunsheng
#              ^^^^ keyword.other.phrase.zhunsheng
#                   ^^^^^^^^^^^^ string.quoted.other.zhunsheng
# ^^^^^^ - keyword.other.phrase.zhunsheng
  协同评定分：评分 0～20分
#       ^^ storage.type.zhunsheng
#          ^ constant.numeric.zhunsheng
#           ^ keyword.operator.arithmetic.zhunsheng
#            ^^ constant.numeric.zhunsheng
类别 平台活跃度（15分）
# <-- keyword.control.section.zhunsheng
#       ^ punctuation.section.parens.zhunsheng
#        ^^ constant.numeric.zhunsheng
#          ^ keyword.other.unit.zhunsheng
  指标 服务企业数 15分
# ^^ keyword.control.section.zhunsheng
#    ^^^^^ - keyword.other.phrase.zhunsheng
    描述：达1500家次得15分
#   ^^ keyword.other.header.zhunsheng
#      ^^^^^^^^^^^ string.unquoted.text.zhunsheng
#       ^^^^ - constant.numeric.zhunsheng
    服务企业家次 达1500家次得15分，每少100家次减1分（不足一档不计）
#          ^ keyword.operator.comparison.zhunsheng
#           ^^^^ constant.numeric.zhunsheng
#               ^^ keyword.other.unit.zhunsheng
#                 ^ keyword.other.phrase.zhunsheng
#                     ^ punctuation.separator.zhunsheng
#                      ^^ keyword.other.phrase.zhunsheng
#                             ^ keyword.other.phrase.zhunsheng
#                                 ^^^^^^ support.constant.reading.zhunsheng
    品牌活动次数 3次及以上得6分
#            ^^^ keyword.operator.comparison.zhunsheng
#               ^ keyword.other.phrase.zhunsheng
    优质资源项数 每项加3分，最多15分
#          ^ keyword.other.phrase.zhunsheng
#           ^ keyword.other.unit.zhunsheng
#            ^ keyword.other.phrase.zhunsheng
#                ^^ keyword.other.phrase.zhunsheng
等级
# <-- keyword.control.section.zhunsheng
  60分（含）以上不足80分：合格
#    ^^^ keyword.other.phrase.zhunsheng
#       ^^ keyword.operator.comparison.zhunsheng
#         ^^ keyword.operator.comparison.zhunsheng
用例 满分平台
# <-- keyword.control.section.zhunsheng
#  ^^^^ entity.name.function.case.zhunsheng
  输入 服务企业家次 1500，网站维护 是
#                     ^ constant.language.zhunsheng
